import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { SeverityEvent } from './event.entity';
import { CreateEventInput, EventIdParam, ListEventsQuery } from './event.input';
import { EventsService } from './events.service';
import { EventsPageModel, SeverityEventModel } from '../api-docs/severity-models.openapi';

export interface EventsPage {
  readonly items: SeverityEvent[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** The seed's REST API for events (behind the JWT guard like every `/api` route). */
@ApiTags('events')
@ApiBearerAuth()
@ApiBadRequestResponse({ description: 'A field breaks a rule: the answer names it and why' })
@ApiUnauthorizedResponse({ description: 'No access token, or an expired one' })
@Controller('api/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @ApiOperation({ summary: 'Create an event; it is dispatched by its status' })
  @ApiCreatedResponse({ type: SeverityEventModel })
  @Post()
  @HttpCode(201)
  create(@Body() input: CreateEventInput): Promise<SeverityEvent> {
    return this.events.create(input);
  }

  @ApiOperation({ summary: 'One event, with what the pipeline did with it' })
  @ApiOkResponse({ type: SeverityEventModel })
  @ApiNotFoundResponse({ description: 'No event with that id' })
  @Get(':id')
  get(@Param() { id }: EventIdParam): Promise<SeverityEvent> {
    return this.events.get(id);
  }

  @ApiOperation({ summary: 'Events, newest first, filtered by status, source and time' })
  @ApiOkResponse({ type: EventsPageModel })
  @Get()
  async list(@Query() { limit, offset, ...filter }: ListEventsQuery): Promise<EventsPage> {
    const { items, total } = await this.events.list(filter, limit, offset);
    return { items, total, limit, offset };
  }
}
