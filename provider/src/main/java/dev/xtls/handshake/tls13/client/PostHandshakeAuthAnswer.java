package dev.xtls.handshake.tls13.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.Transcript;
import dev.xtls.handshake.tls13.ApplicationSecrets;
import dev.xtls.handshake.tls13.Tls13Certificates;
import dev.xtls.handshake.tls13.Tls13Signatures;
import dev.xtls.message.CertificateVerify;
import dev.xtls.message.Finished;
import dev.xtls.message.HandshakeMessage;
import dev.xtls.message.Tls13CertificateRequest;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import java.util.List;
import java.util.Optional;

/**
 * The client's answer to a post-handshake CertificateRequest (RFC 8446 §4.6.2): Certificate, [CertificateVerify],
 * Finished under the application traffic keys, over the handshake's transcript through client Finished plus the
 * request and the answer (§4.4.1). Each request is answered on its own from the same handshake transcript.
 */
record PostHandshakeAuthAnswer(byte[] handshakeTranscript, List<SignatureScheme> offeredSchemes, boolean offered) {
    PostHandshakeAuthAnswer {
        offeredSchemes = List.copyOf(offeredSchemes);
    }

    void answer(HandshakeContext ctx, ApplicationSecrets secrets, RawHandshakeMessage message) {
        if (!offered) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "the server sent a CertificateRequest after"
                    + " the handshake, but this client did not offer post_handshake_auth (RFC 8446 §4.6.2)");
        }
        Tls13CertificateRequest request = Tls13CertificateRequest.decode(message.body());
        if (request.requestContext().isEmpty()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "a post-handshake CertificateRequest has an"
                    + " empty certificate_request_context (RFC 8446 §4.3.2)");
        }
        Transcript transcript = new Transcript();
        transcript.add(handshakeTranscript);
        transcript.add(message.encoded());
        Optional<ClientCredential> credential = ClientCredential.choose(ctx, offeredSchemes, request);
        send(ctx, transcript, Tls13Certificates.of(request.requestContext(),
                credential.map(c -> c.key().chain()).orElse(List.of())));
        if (credential.isPresent()) {
            ClientCredential c = credential.get();
            byte[] hash = transcript.hash(ctx.crypto(), secrets.suite().hash());
            send(ctx, transcript, new CertificateVerify(c.scheme(), Bytes.wrap(Tls13Signatures.sign(ctx.crypto(),
                    false, c.scheme(), c.key().privateKey(), hash))));
        }
        byte[] verifyData = secrets.clientFinished(transcript.hash(ctx.crypto(), secrets.suite().hash()));
        send(ctx, transcript, new Finished(Bytes.wrap(verifyData)));
    }

    /** Into this exchange's transcript, out under the current application key. */
    private static void send(HandshakeContext ctx, Transcript transcript, HandshakeMessage message) {
        byte[] encoded = message.encode();
        transcript.add(encoded);
        ctx.output().handshakeMessage(encoded);
    }
}
