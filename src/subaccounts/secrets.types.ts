import { IsOptional, Matches } from 'class-validator';
import { ArgsType, Field, InputType, ObjectType, createUnionType } from 'type-graphql';
import { API_KEY, API_KEY_MESSAGE, IsApiSecret } from './subaccounts.args';

/** Vonage's secret ids are UUIDs; anything else (a slash, a dot) never reaches the path. */
const SECRET_ID = /^[A-Za-z0-9-]{8,64}$/;
const SECRET_ID_MESSAGE = 'must be a secret id as apiSecrets lists it (a UUID)';

const API_KEY_HELP =
  "The API key of one of the primary account's sub-accounts; omitted: the primary account (the gateway's own).";

@ArgsType()
export class ApiSecretsArgs {
  @Field(() => String, { nullable: true, description: API_KEY_HELP })
  @IsOptional()
  @Matches(API_KEY, { message: API_KEY_MESSAGE })
  apiKey?: string | null;
}

@InputType({ description: 'A new API secret for the primary account or one of its sub-accounts.' })
export class CreateApiSecretInput {
  @Field(() => String, { nullable: true, description: API_KEY_HELP })
  @IsOptional()
  @Matches(API_KEY, { message: API_KEY_MESSAGE })
  apiKey?: string | null;

  @Field({
    description:
      'The new secret: 8 to 25 characters with at least one lower case letter, one upper case letter and one digit. Pass it as a variable: the gateway logs, caches and returns nothing of it.',
  })
  @IsApiSecret()
  secret!: string;
}

@InputType({ description: 'The API secret to revoke.' })
export class RevokeApiSecretInput {
  @Field(() => String, { nullable: true, description: API_KEY_HELP })
  @IsOptional()
  @Matches(API_KEY, { message: API_KEY_MESSAGE })
  apiKey?: string | null;

  @Field({ description: 'The id of the secret, as apiSecrets lists it.' })
  @Matches(SECRET_ID, { message: SECRET_ID_MESSAGE })
  secretId!: string;
}

@ObjectType({
  description:
    'An API secret of an account: its id and age only; Vonage shows the secret to nobody.',
})
export class ApiSecret {
  @Field({ description: 'What revokeApiSecret takes.' })
  id!: string;

  @Field({ description: 'When it was created (ISO 8601, as Vonage gives it).' })
  createdAt!: string;
}

@ObjectType({ description: 'Vonage created the secret: it signs in from now on.' })
export class ApiSecretCreated {
  @Field(() => ApiSecret, { description: 'The new secret: its id, never its value.' })
  secret!: ApiSecret;
}

@ObjectType({ description: 'Vonage refused the secret for a parameter it names.' })
export class ApiSecretRejected {
  @Field({ description: 'What happened.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'The parameter Vonage named, if any.' })
  parameter!: string | null;

  @Field(() => String, { nullable: true, description: "Vonage's reason, if it gave one." })
  reason!: string | null;
}

@ObjectType({
  description:
    'The account already holds the most secrets Vonage allows (2): revoke one first, once nothing uses it.',
})
export class ApiSecretLimitReached {
  @Field({ description: 'What to do about it.' })
  message!: string;
}

@ObjectType({ description: 'Vonage revoked the secret: it no longer signs in.' })
export class ApiSecretRevoked {
  @Field()
  secretId!: string;
}

@ObjectType({ description: 'The account has no secret with that id.' })
export class ApiSecretNotFound {
  @Field({ description: 'What happened.' })
  message!: string;
}

@ObjectType({
  description:
    'The only secret left was not revoked: an account always keeps one. Create another first.',
})
export class LastApiSecret {
  @Field({ description: 'What to do about it.' })
  message!: string;
}

/** What a creation came to: plain data, named by __typename, holding no secret. */
export type CreateSecretOutcome =
  | { __typename: 'ApiSecretCreated'; secret: ApiSecret }
  | {
      __typename: 'ApiSecretRejected';
      message: string;
      parameter: string | null;
      reason: string | null;
    }
  | { __typename: 'ApiSecretLimitReached'; message: string };

export type RevokeSecretOutcome =
  | { __typename: 'ApiSecretRevoked'; secretId: string }
  | { __typename: 'ApiSecretNotFound'; message: string }
  | { __typename: 'LastApiSecret'; message: string };

const byTypename = (value: unknown) => (value as { __typename: string }).__typename;

export const CreateApiSecretResult = createUnionType({
  name: 'CreateApiSecretResult',
  description: 'The result of createApiSecret.',
  types: () => [ApiSecretCreated, ApiSecretRejected, ApiSecretLimitReached] as const,
  resolveType: byTypename,
});

export const RevokeApiSecretResult = createUnionType({
  name: 'RevokeApiSecretResult',
  description: 'The result of revokeApiSecret.',
  types: () => [ApiSecretRevoked, ApiSecretNotFound, LastApiSecret] as const,
  resolveType: byTypename,
});
