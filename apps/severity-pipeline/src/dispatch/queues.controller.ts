import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { type FailedJob, JOB_QUEUE, type JobCounts, type JobQueue } from '@app/transport';
import { JobWorkers } from '@app/transport/jobs';
import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { QUEUES } from './queues';

class QueueParam {
  @ApiProperty({ enum: QUEUES })
  @IsIn(QUEUES, { message: `queue must be one of: ${QUEUES.join(', ')}` })
  queue!: string;
}

class FailedJobParam extends QueueParam {
  @ApiProperty({ description: 'The failed job id GET /api/queues/{queue}/failed lists' })
  @MaxLength(255)
  @IsNotEmpty()
  @IsString()
  id!: string;
}

export interface QueueView extends JobCounts {
  readonly queue: string;
  /** Whether this process runs workers of the queue (see `QUEUES`). */
  readonly workedHere: boolean;
}

/**
 * Queue visibility (the RabbitMQ UI's part): counts per state of every queue, the failed jobs
 * with their reasons, and retrying one by hand.
 */
@ApiTags('queues')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No access token, or an expired one' })
@Controller('api/queues')
export class QueuesController {
  constructor(
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly workers: JobWorkers,
  ) {}

  @ApiOperation({ summary: 'Jobs of every queue by state' })
  @Get()
  async list(): Promise<QueueView[]> {
    const working = new Set(
      this.workers
        .registrations()
        .filter((registration) => registration.working)
        .map((registration) => registration.queue),
    );
    return Promise.all(
      QUEUES.map(async (queue) => ({
        queue,
        ...(await this.jobs.counts(queue)),
        workedHere: working.has(queue),
      })),
    );
  }

  @ApiOperation({ summary: 'The failed jobs of a queue, with their reasons' })
  @Get(':queue/failed')
  failed(@Param() { queue }: QueueParam): Promise<FailedJob[]> {
    return this.jobs.getFailed(queue);
  }

  @ApiOperation({ summary: 'Put a failed job back in its queue, with a fresh set of attempts' })
  @ApiNotFoundResponse({ description: 'No failed job with that id in the queue' })
  @Post(':queue/failed/:id/retry')
  @HttpCode(202)
  async retry(@Param() { queue, id }: FailedJobParam): Promise<{ queue: string; id: string }> {
    await this.jobs.retryFailed(queue, id);
    return { queue, id };
  }
}
