import { type InvalidParameter } from '../area';
import { type OwnedNumber, type VoiceCallbackType } from './numbers.shapes';

const VOICE_TYPES: readonly VoiceCallbackType[] = ['sip', 'tel', 'app'];

/**
 * Applies `POST /number/update` to an owned number. Every field is optional: an absent one leaves
 * the value as it is and `""` clears it. The voice callback is a pair, type and value, sent
 * together or not at all; the deprecated `messagesCallbackType=app` + `messagesCallbackValue` pair
 * links an application as `app_id` does. The form is checked in full before anything changes, so
 * a refused update leaves the number untouched.
 */
export function updateOwned(
  record: OwnedNumber | undefined,
  form: URLSearchParams,
): 'updated' | 'not owned' | InvalidParameter[] {
  const invalid = [...voiceIssues(form), ...messagesIssues(form)];
  if (invalid.length > 0) return invalid;
  if (!record) return 'not owned';

  const appId = form.get('app_id') ?? form.get('messagesCallbackValue');
  setOrClear(record, 'appId', appId);
  setOrClear(record, 'moHttpUrl', form.get('moHttpUrl'));
  setOrClear(record, 'moSmppSysType', form.get('moSmppSysType'));
  setOrClear(record, 'voiceStatusCallback', form.get('voiceStatusCallback'));
  const voiceType = form.get('voiceCallbackType');
  const voiceValue = form.get('voiceCallbackValue');
  if (voiceType === '' || voiceValue === '') {
    delete record.voiceCallbackType;
    delete record.voiceCallbackValue;
  } else if (voiceType !== null && voiceValue !== null) {
    record.voiceCallbackType = voiceType as VoiceCallbackType;
    record.voiceCallbackValue = voiceValue;
  }
  return 'updated';
}

function voiceIssues(form: URLSearchParams): InvalidParameter[] {
  const type = form.get('voiceCallbackType');
  const value = form.get('voiceCallbackValue');
  if (type === null && value === null) return [];
  if (type === null || value === null || (type === '') !== (value === '')) {
    const reason = 'voiceCallbackType and voiceCallbackValue must be sent together.';
    return [
      { name: type === null || type === '' ? 'voiceCallbackType' : 'voiceCallbackValue', reason },
    ];
  }
  if (type !== '' && !VOICE_TYPES.some((known) => known === type)) {
    return [{ name: 'voiceCallbackType', reason: `Must be one of ${VOICE_TYPES.join(', ')}.` }];
  }
  return [];
}

function messagesIssues(form: URLSearchParams): InvalidParameter[] {
  const type = form.get('messagesCallbackType');
  const value = form.get('messagesCallbackValue');
  if (type === null && value === null) return [];
  if (type !== 'app' || value === null) {
    const reason = 'messagesCallbackType=app must come with messagesCallbackValue (or use app_id).';
    return [{ name: 'messagesCallbackType', reason }];
  }
  return [];
}

type Settable = 'appId' | 'moHttpUrl' | 'moSmppSysType' | 'voiceStatusCallback';

function setOrClear(record: OwnedNumber, field: Settable, value: string | null): void {
  if (value === null) return;
  if (value === '') delete record[field];
  else record[field] = value;
}
