export * from './bootstrap/bootstrap-app';
export * from './config/app.config';
export * from './config/config-validation.error';
export * from './config/validate-config';
export * from './errors';
export * from './health/readiness-check';
export * from './logging/create-logger';
export * from './platform.module';
