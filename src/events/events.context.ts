import { type Context } from '../kernel/context';
import { type EventsService } from './events.service';

/** What the events domain's resolvers read of the request context. */
export type EventsContext = Context<{ events: EventsService }, Record<string, never>>;
