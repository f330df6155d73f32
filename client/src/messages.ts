/**
 * The client's side of server/src/protocol.ts: each custom request and
 * notification as a message type of the language client's vscode-jsonrpc, so
 * that what is sent and received is typed by the protocol's declarations.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageclient/node';
import type { NotificationSignature, RequestSignature, RequestSignature0 } from '../../server/src/protocol';

export function requestType<R>(s: RequestSignature0<R>): RequestType0<R, void>;
export function requestType<P, R>(s: RequestSignature<P, R>): RequestType<P, R, void>;
export function requestType<P, R>(s: RequestSignature0<R> | RequestSignature<P, R>): RequestType0<R, void> | RequestType<P, R, void> {
  return s.params === 0 ? new RequestType0<R, void>(s.method) : new RequestType<P, R, void>(s.method);
}

export function notificationType<P>(s: NotificationSignature<P>): NotificationType<P> {
  return new NotificationType<P>(s.method);
}
