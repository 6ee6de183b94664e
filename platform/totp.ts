// The optional TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s — what every authenticator app
// reads from an otpauth:// QR code), by otplib. A code is accepted for the current step ±1 (clock
// drift) and only once: the caller keeps the step of the last accepted code and passes it back.
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export const newTotpSecret = () => generateSecret();

export const totpUri = (secret: string, account: string, issuer = 'Closeloop') => generateURI({ issuer, label: account, secret });

/** The otpauth:// URI as a PNG data URL for the enrolment screen. */
export const totpQrDataUrl = (uri: string) => QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });

/** The time step the code belongs to when it is right and newer than `lastStep`; null otherwise. */
export async function acceptTotp(secret: string, code: string, lastStep: number | null, now = Date.now()): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({ secret, token: code, epoch: Math.floor(now / 1000), epochTolerance: 30, ...(lastStep !== null ? { afterTimeStep: lastStep } : {}) }).catch(() => null);
  return result?.valid && 'timeStep' in result ? result.timeStep : null;
}
