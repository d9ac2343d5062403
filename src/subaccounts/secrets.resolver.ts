import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { type Context } from '../kernel/context';
import { WriteMutation } from '../kernel/write-mutation';
import { ListSize, UpstreamCalls } from '../limits/cost.directives';
import { type SecretsService } from './secrets.service';
import {
  ApiSecret,
  ApiSecretsArgs,
  CreateApiSecretInput,
  CreateApiSecretResult,
  type CreateSecretOutcome,
  RevokeApiSecretInput,
  RevokeApiSecretResult,
  type RevokeSecretOutcome,
} from './secrets.types';
import { RequiresScopes } from './subaccounts.scopes';

/** What these resolvers read of the request context: the domain's service holds the secrets. */
export type SecretsContext = Context<{ subaccounts: { secrets: SecretsService } }>;

const LOCKOUT =
  'Revoking the secret the gateway itself signs in with (VONAGE_API_SECRET) locks the gateway out of the account until it is configured with another.';

@Resolver()
export class SecretsResolver {
  @RequiresScopes('admin')
  @UpstreamCalls()
  @ListSize({ assumedSize: 2 })
  @Query(() => [ApiSecret], {
    description:
      "The API secrets (ids and dates, never the secrets) of the primary account, or of one of its sub-accounts. Read live every time: never cached. At most 2 (Vonage's limit).",
  })
  apiSecrets(@Args() { apiKey }: ApiSecretsArgs, @Ctx() ctx: SecretsContext): Promise<ApiSecret[]> {
    // Credentials per account: no answer that lists them may be kept or handed on.
    ctx.freshness.uncacheable();
    return ctx.services.subaccounts.secrets.list(apiKey, ctx.scope);
  }

  // One POST; a refusal is told from its answer.
  @RequiresScopes('admin')
  @WriteMutation(() => CreateApiSecretResult, {
    description:
      'Creates an API secret for the primary account or one of its sub-accounts (at most 2 each): the way to rotate a secret without downtime. Checked against the rule before any call. The answer holds the new secret’s id only; the gateway logs, caches and returns nothing of the secret. Never retried.',
    calls: 1,
  })
  createApiSecret(
    @Arg('input') input: CreateApiSecretInput,
    @Ctx() ctx: SecretsContext,
  ): Promise<CreateSecretOutcome> {
    return ctx.services.subaccounts.secrets.create(input.apiKey, input.secret);
  }

  // The live list (the last secret is refused from it), then the DELETE.
  @RequiresScopes('admin')
  @WriteMutation(() => RevokeApiSecretResult, {
    description: `Revokes an API secret of the primary account or one of its sub-accounts. The last one is never revoked (LastApiSecret, nothing sent): create another first. ${LOCKOUT} Never retried.`,
    calls: 2,
  })
  revokeApiSecret(
    @Arg('input') input: RevokeApiSecretInput,
    @Ctx() ctx: SecretsContext,
  ): Promise<RevokeSecretOutcome> {
    return ctx.services.subaccounts.secrets.revoke(input.apiKey, input.secretId);
  }
}
