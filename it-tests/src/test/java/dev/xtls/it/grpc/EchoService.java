package dev.xtls.it.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A gRPC service written by hand (no protoc): {@code xtls.Echo/Upper} answers one message with it in upper case,
 * {@code xtls.Echo/Count} answers "n" with n messages "n:0" … "n:(n-1)". Messages are UTF-8 strings.
 */
final class EchoService {
    static final String NAME = "xtls.Echo";
    static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    static final MethodDescriptor<String, String> UPPER = method(MethodDescriptor.MethodType.UNARY, "Upper");
    static final MethodDescriptor<String, String> COUNT = method(MethodDescriptor.MethodType.SERVER_STREAMING,
            "Count");

    private EchoService() {
    }

    static ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder(NAME)
                .addMethod(UPPER, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(request.toUpperCase(Locale.ROOT));
                    response.onCompleted();
                }))
                .addMethod(COUNT, ServerCalls.asyncServerStreamingCall((request, response) -> {
                    int n = Integer.parseInt(request);
                    for (int i = 0; i < n; i++) {
                        response.onNext(n + ":" + i);
                    }
                    response.onCompleted();
                }))
                .build();
    }

    private static MethodDescriptor<String, String> method(MethodDescriptor.MethodType type, String name) {
        return MethodDescriptor.<String, String>newBuilder().setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(NAME, name)).setRequestMarshaller(UTF8)
                .setResponseMarshaller(UTF8).build();
    }
}
