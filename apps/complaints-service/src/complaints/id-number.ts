/**
 * Resident ID numbers (居民身份证号码, GB 11643-1999): 6-digit area code, 8-digit birth
 * date, 3-digit sequence and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('expected 17 digits');
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return CHECK_CHARS[sum % 11];
}

/** Why an 18-character ID number is not valid, or null when it is. */
export function idNumberProblem(idNumber: string): string | null {
  const value = idNumber.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return 'customerIdNumber must be an 18-character resident ID number';
  const [y, m, d] = [value.slice(6, 10), value.slice(10, 12), value.slice(12, 14)].map(Number);
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now()) {
    return 'customerIdNumber contains an impossible birth date';
  }
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return 'customerIdNumber has a wrong check digit (GB 11643)';
  return null;
}
