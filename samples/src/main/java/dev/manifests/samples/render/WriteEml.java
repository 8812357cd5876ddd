package dev.manifests.samples.render;

import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.message.BodyPartBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.message.MultipartBuilder;
import org.apache.james.mime4j.stream.NameValuePair;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TimeZone;

/**
 * Writes a rendered document as an e-mail from a forwarder's or carrier's documentation desk: either the document
 * text as the message body, or a short cover note with the PDF attached. Header values come from {@code random}.
 */
final class WriteEml {

    private static final List<String> SENDERS = List.of("Anna Keller", "Ravi Menon", "Joao Silva", "Mei Lin Tan",
            "Pieter de Vries", "Sofia Rossi", "Tom Gallagher", "Ayse Yilmaz", "Lars Nilsson", "Maria Lopez");
    private static final List<String> RECIPIENT_DOMAINS = List.of("importdesk.example.com", "logistics.example.net",
            "customs-broker.example.org", "warehouse.example.com");
    private static final List<String> RECIPIENT_BOXES = List.of("imports", "docs", "operations", "shipping",
            "customs");

    private WriteEml() {
    }

    static byte[] writeBody(RenderedDocument document, Random random) {
        String sender = pick(SENDERS, random);
        Message.Builder message = header(document, sender, random);
        String body = "Dear Sir or Madam,\n\nplease find below the " + document.title().toLowerCase(Locale.ROOT)
                + " details for your records. Kindly check and revert with any amendments before vessel"
                + " departure.\n\n"
                + "------------------------------------------------------------------------\n"
                + ProjectText.project(document)
                + "------------------------------------------------------------------------\n\n"
                + "Best regards,\n" + sender + "\nDocumentation Department\n" + document.issuer() + "\n";
        try {
            message.setBody(body, "plain", StandardCharsets.UTF_8);
            message.setContentTransferEncoding("8bit");
            return serialise(message.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] writeWithAttachment(RenderedDocument document, Random random) {
        String sender = pick(SENDERS, random);
        Message.Builder message = header(document, sender, random);
        byte[] pdf = WritePdf.write(document, random);
        String note = "Hello,\n\nattached please find the " + document.title().toLowerCase(Locale.ROOT) + " no. "
                + document.reference() + " for your shipment.\nThe original documents will follow by courier"
                + " where required.\n\nKind regards\n" + sender + "\n" + document.issuer() + "\n";
        String boundary = "----=_Part_" + HexFormat.of().toHexDigits(random.nextLong());
        try {
            MultipartBuilder multipart = MultipartBuilder.create("mixed")
                    .addContentTypeParameter(new NameValuePair("boundary", boundary))
                    .addBodyPart(BodyPartBuilder.create()
                            .setBody(note, "plain", StandardCharsets.UTF_8)
                            .setContentTransferEncoding("quoted-printable"))
                    .addBodyPart(BodyPartBuilder.create()
                            .setBody(pdf, "application/pdf")
                            .setContentTransferEncoding("base64")
                            .setContentDisposition("attachment", attachmentName(document)));
            message.setBody(multipart.build());
            message.setContentType("multipart/mixed", new NameValuePair("boundary", boundary));
            return serialise(message.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String attachmentName(RenderedDocument document) {
        String kind = document.title().replaceAll("[^A-Za-z]+", "_").replaceAll("^_|_$", "");
        return kind + "_" + document.reference().replaceAll("[^A-Za-z0-9-]", "") + ".pdf";
    }

    private static Message.Builder header(RenderedDocument document, String sender, Random random) {
        String domain = document.issuer().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "")
                + ".example.com";
        if (domain.length() > 40) {
            domain = domain.substring(0, 28) + ".example.com";
        }
        String local = sender.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", ".");
        Date sent = Date.from(FixedClock.instant(random));
        Message.Builder message = Message.Builder.of();
        message.setFrom(new Mailbox(sender + " | " + document.issuer(), local, domain));
        message.setTo(new Mailbox(pick(RECIPIENT_BOXES, random), pick(RECIPIENT_DOMAINS, random)));
        message.setSubject(document.title() + " " + document.reference());
        message.setDate(sent, TimeZone.getTimeZone("UTC"));
        message.setMessageId("<" + HexFormat.of().toHexDigits(random.nextLong()) + "." + sent.getTime() + "@"
                + domain + ">");
        return message;
    }

    private static byte[] serialise(Message message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DefaultMessageWriter().writeMessage(message, out);
        return out.toByteArray();
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
