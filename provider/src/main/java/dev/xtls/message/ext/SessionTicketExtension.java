package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;

import java.util.Objects;

/**
 * SessionTicket (RFC 5077 §3.2): "The extension_data field of SessionTicket extension contains the ticket."
 * The ticket has no length of its own; it is empty when the client has no ticket yet, and always empty in the
 * ServerHello.
 */
public record SessionTicketExtension(Bytes ticket) {
    public static final SessionTicketExtension EMPTY = new SessionTicketExtension(Bytes.EMPTY);

    public SessionTicketExtension {
        Objects.requireNonNull(ticket, "ticket");
    }

    public static SessionTicketExtension decode(Bytes data) {
        return new SessionTicketExtension(data);
    }

    public Extension toExtension() {
        return new Extension(ExtensionType.SESSION_TICKET, ticket);
    }
}
