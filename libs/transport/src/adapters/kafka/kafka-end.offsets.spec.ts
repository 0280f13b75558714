import { KafkaJSProtocolError } from 'kafkajs';
import { fetchEndOffsets } from './kafka-end.offsets';

/** A broker error as kafkajs raises it (createErrorFromCode): its type names the code. */
function notLeader(): Error {
  const error = {
    type: 'NOT_LEADER_FOR_PARTITION',
    code: 6,
    retriable: true,
    message: 'This server is not the leader for that topic-partition',
  };
  return new KafkaJSProtocolError(error as unknown as Error);
}

const OFFSETS = [
  { partition: 0, offset: '0', high: '5', low: '0' },
  { partition: 1, offset: '0', high: '7', low: '0' },
];

describe('fetchEndOffsets', () => {
  it('answers each partition’s high watermark', async () => {
    const admin = {
      fetchTopicOffsets: jest.fn(async () => OFFSETS),
      fetchTopicMetadata: jest.fn(),
    };

    await expect(fetchEndOffsets(admin, 't', 0)).resolves.toEqual(
      new Map([
        [0, '5'],
        [1, '7'],
      ]),
    );
    expect(admin.fetchTopicMetadata).not.toHaveBeenCalled();
  });

  it('refreshes the leaders and asks again while a partition’s leader is moving', async () => {
    const admin = {
      fetchTopicOffsets: jest
        .fn()
        .mockRejectedValueOnce(notLeader())
        .mockRejectedValueOnce(notLeader())
        .mockResolvedValueOnce(OFFSETS),
      fetchTopicMetadata: jest.fn(async () => ({ topics: [] })),
    };

    await expect(fetchEndOffsets(admin, 't', 0)).resolves.toEqual(
      new Map([
        [0, '5'],
        [1, '7'],
      ]),
    );
    expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(2);
    expect(admin.fetchTopicMetadata).toHaveBeenCalledWith({ topics: ['t'] });
  });

  it('gives up with the broker’s error after a few attempts', async () => {
    const admin = {
      fetchTopicOffsets: jest.fn(async () => {
        throw notLeader();
      }),
      fetchTopicMetadata: jest.fn(async () => ({ topics: [] })),
    };

    await expect(fetchEndOffsets(admin, 't', 0)).rejects.toThrow('not the leader');
    expect(admin.fetchTopicOffsets).toHaveBeenCalledTimes(6);
  });

  it('does not retry other errors', async () => {
    const admin = {
      fetchTopicOffsets: jest.fn(async () => {
        throw new Error('connection refused');
      }),
      fetchTopicMetadata: jest.fn(),
    };

    await expect(fetchEndOffsets(admin, 't', 0)).rejects.toThrow('connection refused');
    expect(admin.fetchTopicOffsets).toHaveBeenCalledTimes(1);
  });
});
