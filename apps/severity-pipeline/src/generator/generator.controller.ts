import {
  ApiBearerAuth,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { GeneratorRun } from './generator-run.entity';
import { type GeneratorState, GeneratorService } from './generator.service';

class RunsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 50 })
  @Max(1000)
  @Min(1)
  @IsInt()
  @Type(() => Number)
  @IsOptional()
  limit: number = 50;
}

/** The generator's runs and switches (what the seed's users did in the Airflow UI). */
@ApiTags('generator')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No access token, or an expired one' })
@Controller('api/generator')
export class GeneratorController {
  constructor(private readonly generator: GeneratorService) {}

  @ApiOperation({ summary: 'Whether the generator runs, and how often' })
  @Get()
  state(): GeneratorState {
    return this.generator.state();
  }

  /** Recent runs, newest first: time, outcome, and the event created (or the error). */
  @ApiOperation({ summary: 'Its recent runs: time, outcome and the event created' })
  @Get('runs')
  runs(@Query() { limit }: RunsQuery): Promise<GeneratorRun[]> {
    return this.generator.runs(limit);
  }

  @ApiOperation({ summary: 'Pause the generator' })
  @Post('pause')
  @HttpCode(200)
  pause(): GeneratorState {
    return this.generator.pause();
  }

  @ApiOperation({ summary: 'Resume the generator' })
  @Post('resume')
  @HttpCode(200)
  resume(): GeneratorState {
    return this.generator.resume();
  }

  /** Runs once now, paused or not, and answers the run. */
  @ApiOperation({ summary: 'Run it once now' })
  @Post('runs')
  @HttpCode(201)
  trigger(): Promise<GeneratorRun> {
    return this.generator.runOnce();
  }
}
