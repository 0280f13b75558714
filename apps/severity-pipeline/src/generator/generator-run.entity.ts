import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/** One run of the generator (the Airflow UI's task list): when, how it went, what it made. */
export const GeneratorRunSchema = defineEntity({
  name: 'GeneratorRun',
  tableName: 'generator_runs',
  properties: {
    id: p.uuid().primary(),
    startedAt: p.datetime(3),
    durationMs: p.integer(),
    outcome: p.string().$type<'created' | 'failed'>().length(16),
    eventId: p.uuid().nullable(),
    status: p.string().length(16).nullable(),
    error: p.text().nullable(),
  },
});

export type GeneratorRun = InferEntity<typeof GeneratorRunSchema>;
