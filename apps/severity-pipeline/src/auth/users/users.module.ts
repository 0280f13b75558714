import { Module } from '@nestjs/common';
import { PasswordHasher } from './password.hasher';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** The users and their passwords, without any HTTP: shared by the API and `createsuperuser`. */
@Module({
  providers: [PasswordHasher, UsersRepository, UsersService],
  exports: [UsersService],
})
export class UsersModule {}
