import { type Context } from '../kernel/context';
import { type HistoryService } from './history.service';

/** What the price history domain's resolvers read of the request context. */
export type HistoryContext = Context<{ history: HistoryService }>;
