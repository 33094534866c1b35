import { randomInt } from 'node:crypto';
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH, PICKUP_CODE_DIGITS } from '@linli/shared';

/** 16 uniform decimal digits from the CSPRNG: two independent uniform draws of 8 digits (≈53.2 bits). */
export function newPickupCode(): string {
  const half = PICKUP_CODE_DIGITS / 2;
  const draw = () => String(randomInt(0, 10 ** half)).padStart(half, '0');
  return draw() + draw();
}

/** A one-time staff invite: 8 characters from a 31-letter alphabet without look-alikes (≈39.6 bits), expiring in a day. */
export function newInviteCode(): string {
  return Array.from({ length: INVITE_CODE_LENGTH }, () => INVITE_CODE_ALPHABET[randomInt(INVITE_CODE_ALPHABET.length)]).join('');
}
