import { randomUUID } from 'node:crypto';
import { InputValidationError, validateInput } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { CreateUserCommand } from './create-user.command';
import { PasswordHasher } from './password.hasher';
import type { User } from './user.entity';
import { passwordWeakness } from './user.rules';
import { UsersRepository } from './users.repository';

/** What the API shows of a user: never the password hash. */
export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly role: User['role'];
  readonly createdAt: Date;
}

/** The users' use cases: creating one, checking a password, reading them. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * Creates a user after checking the input and the password rules (`InputValidationError`)
   * and that the username is free (`ConflictError`).
   */
  async create(input: CreateUserCommand): Promise<UserView> {
    const command = await validateInput(CreateUserCommand, input);
    const weakness = passwordWeakness(command.password, command.username);
    if (weakness !== undefined) throw InputValidationError.of('password', weakness);
    const user: User = {
      id: randomUUID(),
      username: command.username,
      passwordHash: await this.hasher.hash(command.password),
      role: command.role,
      createdAt: new Date(),
    };
    await this.users.insert(user);
    return viewOf(user);
  }

  /** The user with this username and password, or null, in about the same time either way. */
  async authenticate(username: string, password: string): Promise<UserView | null> {
    const user = await this.users.findByUsername(username);
    if (user === null) return this.hasher.verifyNobody(password).then(() => null);
    return (await this.hasher.verify(user.passwordHash, password)) ? viewOf(user) : null;
  }

  async findById(id: string): Promise<UserView | null> {
    const user = await this.users.findById(id);
    return user === null ? null : viewOf(user);
  }

  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(viewOf);
  }
}

function viewOf({ id, username, role, createdAt }: User): UserView {
  return { id, username, role, createdAt };
}
