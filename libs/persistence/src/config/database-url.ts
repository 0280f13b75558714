export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgresql'; readonly url: string };

/** Which database a `DATABASE_URL` points at; unset means `data/<app>.sqlite`. */
export function parseDatabaseUrl(url: string | undefined, appName: string): DatabaseTarget {
  if (!url) return { dialect: 'sqlite', file: `data/${appName}.sqlite` };
  if (url.startsWith('sqlite:')) return { dialect: 'sqlite', file: url.slice('sqlite:'.length) };
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgresql', url };
  throw new Error(
    `DATABASE_URL must start with sqlite: or postgres:// (got ${JSON.stringify(url)})`,
  );
}
