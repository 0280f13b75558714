/** The two create mutations, with the arguments the seed's clients send. */
export const MUTATIONS = {
  createEventAsync:
    'mutation($name: String!, $description: String) { createEventAsync(name: $name, ' +
    'source: "users", description: $description) { event { uuid createdAt } } }',
  createEvent:
    'mutation($name: String!, $description: String) { createEvent(name: $name, ' +
    'source: "users", description: $description) { event { uuid createdAt } } }',
} as const;

export type MutationName = keyof typeof MUTATIONS;

export interface LoadRequest {
  readonly graphqlUrl: string;
  readonly mutation: MutationName;
  /** Every event of the load gets this name; its `description` is its sequence number. */
  readonly name: string;
  readonly count: number;
  /** Mutations in flight at once. */
  readonly clients: number;
  readonly timeoutMs: number;
}

/** When each mutation went out and when its answer came back (`performance.now()`). */
export interface LoadResult {
  readonly sentAt: Float64Array;
  readonly answeredAt: Float64Array;
  readonly startedAt: number;
  /** The last answer: the moment the load stopped. */
  readonly endedAt: number;
}

interface GraphqlAnswer {
  readonly data?: Readonly<Record<string, { readonly event: { readonly uuid: string } }>> | null;
  readonly errors?: readonly { readonly message: string }[];
}

/**
 * A closed-loop load: `clients` loops over one keep-alive HTTP agent (fetch), each sending
 * its next mutation as soon as the previous one is answered, until `count` were answered.
 * The first GraphQL error or non-200 answer stops the load: a benchmark of failures is no
 * benchmark.
 */
export async function runLoad(request: LoadRequest): Promise<LoadResult> {
  const { count, clients, timeoutMs } = request;
  const sentAt = new Float64Array(count).fill(Number.NaN);
  const answeredAt = new Float64Array(count).fill(Number.NaN);
  const startedAt = performance.now();
  const deadline = startedAt + timeoutMs;
  let next = 0;
  const client = async (): Promise<void> => {
    for (let seq = next++; seq < count; seq = next++) {
      if (performance.now() > deadline) {
        throw new Error(`${request.mutation}: the load took longer than ${timeoutMs} ms`);
      }
      sentAt[seq] = performance.now();
      await send(request, seq, deadline);
      answeredAt[seq] = performance.now();
    }
  };
  await Promise.all(Array.from({ length: Math.min(clients, count) }, client));
  return {
    sentAt,
    answeredAt,
    startedAt,
    endedAt: answeredAt.reduce((a, b) => Math.max(a, b), startedAt),
  };
}

async function send(request: LoadRequest, seq: number, deadline: number): Promise<void> {
  const response = await fetch(request.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: MUTATIONS[request.mutation],
      variables: { name: request.name, description: String(seq) },
    }),
    signal: AbortSignal.timeout(Math.max(1, Math.ceil(deadline - performance.now()))),
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(`${request.mutation}: HTTP ${response.status}: ${text.slice(0, 500)}`);
  }
  const answer = JSON.parse(text) as GraphqlAnswer;
  if (answer.errors?.length || !answer.data?.[request.mutation]?.event.uuid) {
    throw new Error(`${request.mutation}: unexpected answer: ${text.slice(0, 500)}`);
  }
}
