import { IsInt, Max, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';

/** A page of a list, as every connection of the schema answers it (pages numbered from 1). */
export type ConnectionOf<T> = {
  nodes: T[];
  totalCount: number;
  page: number;
  pageSize: number;
  hasNextPage: boolean;
};

/** The GraphQL type of a page of `node`s, named `name`. */
export function connection<T extends object>(node: new () => T, name: string) {
  @ObjectType(name, { simpleResolvers: true, description: `A page of ${node.name} results.` })
  class Connection {
    @Field(() => [node])
    nodes!: T[];

    @Field(() => Int, { description: 'Matches across every page.' })
    totalCount!: number;

    @Field(() => Int, { description: 'This page, from 1.' })
    page!: number;

    @Field(() => Int)
    pageSize!: number;

    @Field()
    hasNextPage!: boolean;
  }
  return Connection;
}

/** One page of a list read whole: the slice, its place and whether more follow. */
export function pageOf<T>(all: readonly T[], page: number, pageSize: number): ConnectionOf<T> {
  const start = (page - 1) * pageSize;
  return {
    nodes: all.slice(start, start + pageSize),
    totalCount: all.length,
    page,
    pageSize,
    hasNextPage: start + pageSize < all.length,
  };
}

/** The page arguments of a connection. */
@ArgsType()
export class PagingArgs {
  @Field(() => Int, { defaultValue: 1, description: 'Page number, from 1.' })
  @IsInt()
  @Min(1, { message: 'must be 1 or more (pages are numbered from 1)' })
  @Max(10_000, { message: 'must be at most 10000' })
  page!: number;

  @Field(() => Int, { defaultValue: 10, description: 'Items per page, 1 to 100.' })
  @IsInt()
  @Min(1, { message: 'must be from 1 to 100' })
  @Max(100, { message: 'must be from 1 to 100' })
  pageSize!: number;
}
