import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Logger,
  Param,
  Post,
  ServiceUnavailableException,
} from '@nestjs/common';
import { EventProducer } from './event-producer';
import { PublishEventInput, type PublishedEventView } from './publish-event.input';

/**
 * `POST /events/:topic` publishes any registered event, as a producer in another service
 * would (the seed's `producer.send(topic, event, value)`): 202 once the bus has accepted it,
 * 400 naming the field when the topic, event or value would not be routed, 503 when the bus
 * refused it (nothing was published; send it again, with the same `id` to be safe).
 */
@ApiTags('events')
@Controller('events')
export class EventsController {
  private readonly logger = new Logger('EventsController');

  constructor(private readonly producer: EventProducer) {}

  @ApiOperation({
    summary: "Publish an event to a topic (the seed's producer), for the router to handle",
  })
  @ApiParam({ name: 'topic', example: 'role_events' })
  @ApiAcceptedResponse({ description: 'Published: its id, topic, event and key' })
  @ApiBadRequestResponse({
    description: 'Unknown topic or event, or a value its handler cannot use',
  })
  @Post(':topic')
  @HttpCode(HttpStatus.ACCEPTED)
  async publish(
    @Param('topic') topic: string,
    @Body() { event, value, key, id }: PublishEventInput,
  ): Promise<PublishedEventView> {
    const envelope = await this.producer.prepare(topic, event, value, { key, id });
    try {
      await this.producer.publish(topic, envelope);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error(`could not publish ${event} ${envelope.id} to ${topic}: ${reason}`);
      throw new ServiceUnavailableException(
        `the event bus did not accept the event; nothing was published, send it again`,
      );
    }
    return { id: envelope.id, topic, event, key: envelope.partitionkey };
  }
}
