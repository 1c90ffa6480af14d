import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { setLang } from '../i18n';
import { problemText } from './problem';

afterEach(() => setLang('vi'));

describe('a failed call reads in the UI language, the server’s words kept after a translated lead', () => {
  it('leads a 422 with what kind of failure it was, in Vietnamese and in English', () => {
    const invalid = new ApiError(422, { title: 'Invalid input', detail: 'The dossier cannot be received; see errors.' });
    expect(problemText(invalid)).toBe('Dữ liệu chưa hợp lệ. Máy chủ báo: “The dossier cannot be received; see errors.”');
    setLang('en');
    expect(problemText(invalid)).toBe('The data is not valid. Server: “The dossier cannot be received; see errors.”');
  });
  it('says a 403 and a network failure in the UI language only (their details add nothing)', () => {
    expect(problemText(new ApiError(403, { title: 'Forbidden', detail: 'Your roles do not allow this action.' }))).toBe('Vai trò của bạn không được thực hiện việc này.');
    expect(problemText(new ApiError(0, { title: 'Network error', detail: 'Failed to fetch' }))).toBe('Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.');
  });
  it('names the status of an unexpected failure', () => {
    expect(problemText(new ApiError(500, { title: 'Internal Server Error' }))).toBe('Máy chủ không thực hiện được yêu cầu (mã 500). Máy chủ báo: “Internal Server Error”');
  });
});
