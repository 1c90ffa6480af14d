import { describe, expect, it } from 'vitest';
import { date, dateTime, dayMonth, decimal, fold, percent, urgency, vnParts } from './format';

describe('dates are shown in Vietnam time as dd/MM/yyyy HH:mm', () => {
  it('shifts UTC to Asia/Ho_Chi_Minh (+07:00), across midnight', () => {
    expect(dateTime('2026-12-02T18:40:00Z')).toBe('03/12/2026 01:40');
    expect(dateTime('2026-12-03T17:00:00+07:00')).toBe('03/12/2026 17:00');
  });
  it('shows a plain date as it is, and nothing as a dash', () => {
    expect(date('2025-07-01')).toBe('01/07/2025');
    expect(dateTime(null)).toBe('—');
  });
  it('gives the slip its "…giờ…phút, ngày…" parts', () => {
    expect(vnParts('2026-01-05T01:05:00Z')).toEqual({ hour: '08', minute: '05', day: '05', month: '01', year: '2026' });
  });
});

describe('deadline colours', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  it('past due is overdue, within a day is soon, later is ok, none is none', () => {
    expect(urgency('2026-12-02T11:59:00Z', now)).toBe('overdue');
    expect(urgency('2026-12-03T11:00:00Z', now)).toBe('soon');
    expect(urgency('2026-12-04T12:00:00Z', now)).toBe('ok');
    expect(urgency(null, now)).toBe('none');
  });
});

describe('searching Vietnamese names without diacritics', () => {
  it('folds tones, vowel marks and đ', () => {
    expect(fold('Đăng ký kết hôn')).toBe('dang ky ket hon');
    expect(fold('Phường Ngũ Hành Sơn')).toBe('phuong ngu hanh son');
  });
});

describe('numbers follow the UI language', () => {
  it('writes a decimal comma in Vietnamese and a point in English', () => {
    expect(decimal(0.5, 1, 'vi')).toBe('0,5');
    expect(decimal(0.5, 1, 'en')).toBe('0.5');
    expect(percent(1, 'vi')).toBe('100,0%');
    expect(percent(0.975, 'en')).toBe('97.5%');
  });
  it('labels chart days as dd/MM', () => {
    expect(dayMonth('2026-12-05')).toBe('05/12');
  });
});
