import { ConflictError, InputValidationError } from '@app/platform';
import { PasswordHasher } from './password.hasher';
import type { User } from './user.entity';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

type Mocked<T> = { [K in keyof T]: jest.Mock };

/** A strict mock of the repository: every method the class has, none answering unless told. */
function repositoryMock(): Mocked<Pick<UsersRepository, keyof UsersRepository>> {
  return {
    insert: jest.fn().mockResolvedValue(undefined),
    findById: jest.fn(),
    findByUsername: jest.fn(),
    list: jest.fn(),
  };
}

describe('UsersService', () => {
  const hasher = new PasswordHasher();
  let users: ReturnType<typeof repositoryMock>;
  let service: UsersService;

  beforeEach(() => {
    users = repositoryMock();
    service = new UsersService(users as unknown as UsersRepository, hasher);
  });

  it('stores a new user with an argon2id hash, never the password', async () => {
    const view = await service.create({
      username: 'ada',
      password: 'analytical engine',
      role: 'admin',
    });

    const [stored] = users.insert.mock.calls[0] as [User];
    expect(stored).toMatchObject({ id: view.id, username: 'ada', role: 'admin' });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    await expect(hasher.verify(stored.passwordHash, 'analytical engine')).resolves.toBe(true);
    expect(view).not.toHaveProperty('passwordHash');
  });

  it('refuses a weak password or a bad username before storing anything', async () => {
    await expect(
      service.create({ username: 'ada', password: '12345678', role: 'admin' }),
    ).rejects.toMatchObject({
      violations: [{ field: 'password', reason: 'must not be entirely numeric' }],
    });
    await expect(
      service.create({ username: 'a d a', password: 'analytical engine', role: 'admin' }),
    ).rejects.toBeInstanceOf(InputValidationError);
    expect(users.insert).not.toHaveBeenCalled();
  });

  it('passes on a taken username as the repository reports it', async () => {
    users.insert.mockRejectedValue(new ConflictError('user', 'username', 'ada'));

    await expect(
      service.create({ username: 'ada', password: 'analytical engine', role: 'client' }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  describe('authenticate', () => {
    let ada: User;

    beforeEach(async () => {
      ada = {
        id: '5f0c8a4e-2b1d-4c3e-8f7a-6b5c4d3e2f10',
        username: 'ada',
        passwordHash: await hasher.hash('analytical engine'),
        role: 'client',
        createdAt: new Date('2026-11-23T12:00:00Z'),
      };
    });

    it('returns the user whose password matches', async () => {
      users.findByUsername.mockResolvedValue(ada);

      await expect(service.authenticate('ada', 'analytical engine')).resolves.toEqual({
        id: ada.id,
        username: 'ada',
        role: 'client',
        createdAt: ada.createdAt,
      });
    });

    it('returns null for a wrong password', async () => {
      users.findByUsername.mockResolvedValue(ada);

      await expect(service.authenticate('ada', 'difference engine')).resolves.toBeNull();
    });

    it('returns null for an unknown username, after checking a password all the same', async () => {
      users.findByUsername.mockResolvedValue(null);
      const nobody = jest.spyOn(hasher, 'verifyNobody');

      await expect(service.authenticate('babbage', 'analytical engine')).resolves.toBeNull();
      expect(nobody).toHaveBeenCalledWith('analytical engine');
    });
  });
});
