import { BoardCommandError } from '../../shared/board/model';
import { ApiError } from '../sync/api';
import { commandErrorMessage } from '../board/commandErrors';
import { t } from './index';

/**
 * A failed request or refused change as the person is told it, in the active language. The common
 * refusals are worded here; any other keeps the server's own explanation (in English) after a
 * translated lead-in, so nothing useful is lost.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof BoardCommandError) return commandErrorMessage(error.code);
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  switch (error.status) {
    case 0:
      return t('errors.network');
    case 401:
    case 403:
      return t('errors.forbidden');
    case 404:
      return t('errors.notFound');
    case 409:
      // The one conflict the API answers: a board at its record limit (docs/api.md).
      return t('errors.recordLimit');
    case 413:
      return t('errors.tooLarge');
    case 429:
      return t('errors.tooMany');
    default:
      return t('errors.server', { status: error.status, reason: error.message });
  }
}
