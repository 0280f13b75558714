import type { Config } from 'jest';
import { pathsToModuleNameMapper } from 'ts-jest';
import ts from 'typescript';

// Path aliases (`@app/envelope`, ...) live in tsconfig.json only; read them from there.
const { config: tsconfig } = ts.readConfigFile('./tsconfig.json', ts.sys.readFile);
const paths: Record<string, string[]> = tsconfig?.compilerOptions?.paths ?? {};

const shared = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: '.',
  transform: { '^.+\\.(t|j)s$': 'ts-jest' },
  moduleNameMapper: pathsToModuleNameMapper(paths, { prefix: '<rootDir>/' }),
  testEnvironment: 'node',
} satisfies Config;

// `npm test`: unit specs beside the code and app e2e specs in apps/<app>/test, no service
// needed. `npm run test:integration` (INTEGRATION=1): the suites that need the real services
// of scripts/services.sh, named *.integration-spec.ts.
const integration = {
  ...shared,
  displayName: 'integration',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.integration-spec.ts'],
  // Brokers are slower than memory; a case that needs longer says so itself.
  testTimeout: 30_000,
};

const config: Config = {
  projects: process.env.INTEGRATION
    ? [integration]
    : [
        {
          ...shared,
          displayName: 'unit',
          testMatch: ['<rootDir>/{apps,libs}/**/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
        },
        {
          ...shared,
          displayName: 'e2e',
          testMatch: ['<rootDir>/apps/*/test/**/*.e2e-spec.ts'],
        },
      ],
  collectCoverageFrom: ['libs/**/*.ts', 'apps/**/*.ts'],
  coverageDirectory: './coverage',
};

export default config;
