import { fieldProblems, ShopApiError, ShopUnreachableError } from './shop-api.errors';

describe('the shop API errors', () => {
  describe('fieldProblems', () => {
    it('reads every violation of a 400', () => {
      expect(
        fieldProblems({
          statusCode: 400,
          message: 'price: too low; stock: not whole',
          violations: [
            { field: 'price', reason: 'too low' },
            { field: 'stock', reason: 'not whole' },
          ],
        }),
      ).toEqual([
        { field: 'price', reason: 'too low' },
        { field: 'stock', reason: 'not whole' },
      ]);
    });

    it('reads the field of a 409 with its message as the reason', () => {
      expect(fieldProblems({ statusCode: 409, message: 'already exists', field: 'email' })).toEqual(
        [{ field: 'email', reason: 'already exists' }],
      );
    });

    it('reads one field with its reason', () => {
      expect(fieldProblems({ field: 'quantity', reason: 'too many', message: 'x' })).toEqual([
        { field: 'quantity', reason: 'too many' },
      ]);
    });

    it('finds none in a 404, a text or nothing', () => {
      expect(fieldProblems({ statusCode: 404, message: 'customer x does not exist' })).toEqual([]);
      expect(fieldProblems('Bad Gateway')).toEqual([]);
      expect(fieldProblems(null)).toEqual([]);
    });
  });

  it('says a 4xx was refused, with each field and reason', () => {
    const error = new ShopApiError(
      400,
      'Bad Request',
      [{ field: 'price', reason: 'too low' }],
      'x',
    );

    expect(error.message).toBe('the shop refused it (400 Bad Request): price: too low');
    expect(error.refused).toBe(true);
  });

  it("says a 5xx failed, with the shop's message", () => {
    const error = new ShopApiError(500, 'Internal Server Error', [], 'Internal server error');

    expect(error.message).toBe(
      'the shop failed (500 Internal Server Error): Internal server error',
    );
    expect(error.refused).toBe(false);
  });

  it('says where the shop was looked for and how to start it', () => {
    expect(new ShopUnreachableError('http://127.0.0.1:3005', 'connect ECONNREFUSED').message).toBe(
      'cannot reach the shop at http://127.0.0.1:3005 (connect ECONNREFUSED): is it running? ' +
        'Start it with `npm start`, or point --url or SHOP_URL at it',
    );
  });
});
