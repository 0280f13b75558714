export * from './conflict.error';
export * from './domain-error.filter';
export * from './input-validation.error';
export * from './input-validation.pipe';
export * from './not-found.error';
export * from './validate-input';
