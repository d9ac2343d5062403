import { GraphQLError } from 'graphql';
import { ErrorCode } from '../base/error-codes';

/** A BAD_USER_INPUT error naming the argument or input field at fault. */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field, problems: [{ field, message }] },
  });
}
