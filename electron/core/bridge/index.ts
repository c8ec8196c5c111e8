export { startBridge, type Bridge, type BridgeOptions } from './server';
export { startBridgeHost, type BridgeHost, type BridgeHostOptions } from './host';
export { MAX_UPLOAD_BYTES, type BridgeMessage, type BridgeRequest } from './protocol';
