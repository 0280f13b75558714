import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { SeverityEvent } from './event.entity';
import { CreateEventInput, EventIdParam, ListEventsQuery } from './event.input';
import { EventsService } from './events.service';

export interface EventsPage {
  readonly items: SeverityEvent[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** The seed's REST API for events (behind the JWT guard like every `/api` route). */
@Controller('api/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @HttpCode(201)
  create(@Body() input: CreateEventInput): Promise<SeverityEvent> {
    return this.events.create(input);
  }

  @Get(':id')
  get(@Param() { id }: EventIdParam): Promise<SeverityEvent> {
    return this.events.get(id);
  }

  @Get()
  async list(@Query() { limit, offset, ...filter }: ListEventsQuery): Promise<EventsPage> {
    const { items, total } = await this.events.list(filter, limit, offset);
    return { items, total, limit, offset };
  }
}
