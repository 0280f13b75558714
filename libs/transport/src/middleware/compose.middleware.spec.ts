import { testDeliveryContext } from '../testing/test-delivery-context';
import { testEvent } from '../testing/test-event';
import {
  composeMiddleware,
  type EventHandlerMiddleware,
  withMiddleware,
} from './compose.middleware';

describe('composeMiddleware / withMiddleware', () => {
  const trace: string[] = [];
  const tag =
    (name: string): EventHandlerMiddleware =>
    (next) =>
    async (event, context) => {
      trace.push(`${name} in`);
      await next(event, context);
      trace.push(`${name} out`);
    };
  beforeEach(() => trace.splice(0));

  it('runs the first middleware outermost', async () => {
    const handler = withMiddleware(async () => void trace.push('handler'), tag('a'), tag('b'));
    await handler(testEvent(), testDeliveryContext());
    expect(trace).toEqual(['a in', 'b in', 'handler', 'b out', 'a out']);
  });

  it('composes into a reusable middleware, and with none returns the handler as is', async () => {
    const stack = composeMiddleware(tag('outer'), composeMiddleware(tag('inner')));
    await stack(async () => void trace.push('handler'))(testEvent(), testDeliveryContext());
    expect(trace).toEqual(['outer in', 'inner in', 'handler', 'inner out', 'outer out']);
    const bare = async () => undefined;
    expect(withMiddleware(bare)).toBe(bare);
  });
});
