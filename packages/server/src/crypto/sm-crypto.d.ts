// The parts of sm-crypto 0.5 (国密 SM3/SM4 in pure JavaScript) that the personal-data codec uses.
// Node's ESM loader sees only its default export, so that is all this declares.
declare module 'sm-crypto' {
  type Sm4Options = {
    mode: 'cbc';
    iv: number[];
    padding?: 'pkcs#7' | 'none';
    output: 'array';
  };
  const smCrypto: {
    sm4: {
      encrypt(input: number[], key: number[], options: Sm4Options): number[];
      decrypt(input: number[], key: number[], options: Sm4Options): number[];
    };
    /** SM3 as hex; with `{ key }`, HMAC-SM3. */
    sm3(input: number[], options?: { key: number[] }): string;
  };
  export default smCrypto;
}
