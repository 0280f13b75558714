import { parseClaimReply, parseGroupsInfo, parseReadReply } from './stream-reply.parser';

describe('stream reply parsing', () => {
  const entries = [
    ['1-0', ['envelope', '{"a":1}']],
    ['2-0', ['envelope', '{"a":2}', 'extra', 'x']],
  ];

  it('reads XREADGROUP in its RESP2 shape and in ioredis’s flattened RESP3 shape', () => {
    const expected = [
      { id: '1-0', fields: new Map([['envelope', '{"a":1}']]) },
      {
        id: '2-0',
        fields: new Map([
          ['envelope', '{"a":2}'],
          ['extra', 'x'],
        ]),
      },
    ];
    expect(parseReadReply([['events:t', entries]])).toEqual(expected);
    expect(parseReadReply(['events:t', entries])).toEqual(expected);
  });

  it('reads "nothing came" as no entries, and skips entries deleted meanwhile', () => {
    expect(parseReadReply(null)).toEqual([]);
    expect(parseReadReply([])).toEqual([]);
    expect(parseReadReply([['events:t', [['1-0', null]]]])).toEqual([]);
  });

  it('decodes field values given as buffers', () => {
    const [entry] = parseReadReply([
      ['k', [['1-0', [Buffer.from('envelope'), Buffer.from('{}')]]]],
    ]);
    expect(entry.fields.get('envelope')).toBe('{}');
  });

  it('reads the claim script’s reply with delivery counts and trimmed ids', () => {
    expect(parseClaimReply(['0-0', [['1-0', ['envelope', '{}'], 3]], ['0-5']])).toEqual({
      cursor: '0-0',
      claimed: [{ entry: { id: '1-0', fields: new Map([['envelope', '{}']]) }, deliveries: 3 }],
      deleted: ['0-5'],
    });
  });

  it('reads XINFO GROUPS, with a lag Redis could not tell (nil) or did not give (Redis 6)', () => {
    const group = (name: string, lag: unknown): unknown[] => [
      'name',
      name,
      'consumers',
      1,
      'pending',
      2,
      'last-delivered-id',
      '5-0',
      ...(lag === undefined ? [] : ['lag', lag]),
    ];
    expect(
      parseGroupsInfo([group('counted', 15), group('unknown', null), group('redis6', undefined)]),
    ).toEqual([
      { name: 'counted', pending: 2, lag: 15 },
      { name: 'unknown', pending: 2, lag: null },
      { name: 'redis6', pending: 2, lag: null },
    ]);
  });

  it('fails with a sentence on a reply of an unexpected shape', () => {
    expect(() => parseReadReply('OK')).toThrow(
      'unexpected Redis reply: XREAD/XREADGROUP reply is not a list',
    );
    expect(() => parseClaimReply(['0-0', [['1-0', [], 'x']], []])).toThrow(
      'delivery count is not an integer',
    );
  });
});
