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

// One run, two projects: unit specs beside the code, app e2e specs in apps/<app>/test.
// Integration suites against real services get their own config (issue 12).
const config: Config = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/src/**/*.spec.ts'],
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
