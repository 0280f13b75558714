import type { INestApplication } from '@nestjs/common';

/** One scrape of `GET /metrics`, and the samples in it. */
export interface Scrape {
  readonly text: string;
  /**
   * The value of the series `name` whose labels include `labels` (the registry's own
   * `app` label aside), or undefined when the scrape has no such series.
   */
  value(name: string, labels?: Readonly<Record<string, string>>): number | undefined;
}

/** Scrapes the app's `/metrics` as Prometheus would, failing on any status but 200. */
export async function scrapeMetrics(app: INestApplication): Promise<Scrape> {
  const { port } = app.getHttpServer().address() as { port: number };
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}: ${text}`);
  const samples = text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map(parseSample);
  return {
    text,
    value: (name, labels = {}) =>
      samples.find(
        (sample) =>
          sample.name === name &&
          Object.entries(labels).every(([label, value]) => sample.labels.get(label) === value),
      )?.value,
  };
}

interface Sample {
  readonly name: string;
  readonly labels: ReadonlyMap<string, string>;
  readonly value: number;
}

/** `name{label="value",...} 12` or `name 12` (no label value here holds `}` or a space). */
function parseSample(line: string): Sample {
  const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
  if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
  const [, name, labelText = '', value] = match;
  const labels = new Map(
    [...labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, label, text]) => [label, text]),
  );
  return { name, labels, value: Number(value) };
}
