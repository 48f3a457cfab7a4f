package io.jsalt.common.transport;

import io.jsalt.common.crypto.Fingerprints;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** The peer's key after a completed handshake: what the master binds a minion id to. */
public final class PeerIdentity {
    private PeerIdentity() {}

    public static X509Certificate certificate(SSLSession session) throws SSLPeerUnverifiedException {
        Certificate[] chain = session.getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate x509)) {
            throw new SSLPeerUnverifiedException("the peer presented no X.509 certificate");
        }
        return x509;
    }

    public static PublicKey publicKey(SSLSession session) throws SSLPeerUnverifiedException {
        return certificate(session).getPublicKey();
    }

    /** The peer key's Salt fingerprint (sha256 pem_finger). */
    public static String fingerprint(SSLSession session) throws SSLPeerUnverifiedException {
        return Fingerprints.of(publicKey(session));
    }

    /** The session of a channel whose pipeline has an {@link SslHandler} that finished its handshake. */
    public static SSLSession session(Channel channel) throws SSLPeerUnverifiedException {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            throw new SSLPeerUnverifiedException("channel " + channel + " has no TLS handler");
        }
        return ssl.engine().getSession();
    }
}
