import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { GeneratorController } from './generator.controller';
import { GeneratorService } from './generator.service';

@Module({
  imports: [ScheduleModule.forRoot()],
  controllers: [GeneratorController],
  providers: [GeneratorService],
})
export class GeneratorModule {}
