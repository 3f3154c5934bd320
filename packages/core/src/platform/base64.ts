import { utf8Bytes } from './utf8.js'

/** `bytes` in standard Base64, with padding. Pure. */
export function base64OfBytes(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** The UTF-8 bytes of `text` in standard Base64, with padding (as `Buffer.from(text).toString('base64')`). Pure. */
export function base64(text: string): string {
  return base64OfBytes(utf8Bytes(text))
}

/** The UTF-8 bytes of `text` in base64url, without padding (as `Buffer.from(text).toString('base64url')`). Pure. */
export function base64url(text: string): string {
  return base64(text).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
}
