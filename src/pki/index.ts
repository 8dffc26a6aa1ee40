/** The harness's test PKI: issuing (initPki), CSRs (A02/A03 flows) and certificate inspection. */
export { initPki, readPkiManifest, artifactChain, pkiStationSubject, PKI_MANIFEST } from './pki.js';
export type { InitPkiOptions, PkiArtifact, PkiDefect, PkiManifest, PkiRole } from './pki.js';
export { createCsr, parseCsr, signCsr } from './csr.js';
export type { CreateCsrOptions, ParsedCsr, SignCsrOptions } from './csr.js';
export { inspectCertificate, verifyChain } from './inspect.js';
export type { CertificateInfo, ChainResult } from './inspect.js';
export type { DistinguishedName, PublicKeyInfo } from './der.js';
export { ocspGoodResponse, parseOcspResponse } from './ocsp.js';
export type { OcspCertId, ParsedOcspResponse } from './ocsp.js';
