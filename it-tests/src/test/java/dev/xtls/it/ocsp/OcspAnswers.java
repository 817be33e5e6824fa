package dev.xtls.it.ocsp;

import java.io.IOException;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;

/** What a DER OCSPResponse says about its (single) certificate, read independently of the code under test. */
final class OcspAnswers {
    private OcspAnswers() {
    }

    /** "good", "revoked" or "unknown", with the serial it answers for: e.g. "1001 good". */
    static String describe(byte[] der) {
        try {
            OCSPResp resp = new OCSPResp(der);
            if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                return "unsuccessful " + resp.getStatus();
            }
            SingleResp single = ((BasicOCSPResp) resp.getResponseObject()).getResponses()[0];
            CertificateStatus s = single.getCertStatus();
            String status = s == CertificateStatus.GOOD ? "good" : s instanceof RevokedStatus ? "revoked" : "unknown";
            return single.getCertID().getSerialNumber().toString(16) + " " + status;
        } catch (IOException | OCSPException e) {
            return "unparsable: " + e;
        }
    }
}
