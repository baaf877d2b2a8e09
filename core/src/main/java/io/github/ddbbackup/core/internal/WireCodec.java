package io.github.ddbbackup.core.internal;

import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.RequestValidationException;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.ddbbackup.core.error.MalformedResponseException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import io.github.ddbbackup.core.EmptyResponse;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON 1.0 bodies to and from the model records: PascalCase members, absent members omitted, unknown members ignored,
 * timestamps as epoch seconds. Thread-safe; share {@link #shared()}.
 */
public final class WireCodec {

    private static final WireCodec SHARED = new WireCodec();

    private final JsonMapper mapper;
    /**
     * Readers and writers built ahead of use: Jackson builds a type's (de)serializer under a lock on first use, and a
     * thread parked on that lock would be an event-loop thread blocked. Every operation of {@link Operation} is
     * prepared when the codec is created; other types with {@link #prepare}.
     */
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();

    private WireCodec() {
        SimpleModule epochSeconds = new SimpleModule("epoch-seconds")
                .addSerializer(Instant.class, new InstantSerializer())
                .addDeserializer(Instant.class, new InstantDeserializer());
        this.mapper = JsonMapper.builder()
                .addModule(epochSeconds)
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_ABSENT))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // "123" is not a number: a member of the wrong type is a malformed response, not a guess.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // Nor is 123 a string, or 1.5 a byte count: without these Jackson quietly converts them.
                .withCoercionConfig(LogicalType.Textual, WireCodec::onlyFromJsonStrings)
                .withCoercionConfig(LogicalType.Integer, integer -> integer.setCoercion(CoercionInputShape.Float,
                        CoercionAction.Fail))
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                // EmptyResponse, TagResource's answer, has no members: written as {}.
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        for (Operation<?, ?> operation : List.of(Operation.CREATE_BACKUP, Operation.DESCRIBE_BACKUP,
                Operation.LIST_BACKUPS, Operation.DELETE_BACKUP, Operation.LIST_TABLES,
                Operation.RESTORE_TABLE_FROM_BACKUP, Operation.DESCRIBE_TABLE, Operation.DELETE_TABLE,
                Operation.LIST_TAGS_OF_RESOURCE, Operation.TAG_RESOURCE, Operation.UNTAG_RESOURCE,
                Operation.DESCRIBE_TIME_TO_LIVE, Operation.UPDATE_TIME_TO_LIVE, Operation.DESCRIBE_CONTINUOUS_BACKUPS,
                Operation.UPDATE_CONTINUOUS_BACKUPS, Operation.GET_RESOURCES)) {
            prepare(operation.requestType(), operation.responseType());
        }
    }

    /**
     * Builds the readers and writers of these types now, so that their first use on an event loop does not wait on
     * Jackson's lock. Call it at start-up for record types beyond the backup operations.
     */
    public WireCodec prepare(Class<?>... types) {
        for (Class<?> type : types) {
            readers.computeIfAbsent(type, mapper::readerFor);
            writers.computeIfAbsent(type, mapper::writerFor);
        }
        return this;
    }

    private ObjectReader reader(Class<?> type) {
        ObjectReader reader = readers.get(type);
        return reader != null ? reader : mapper.readerFor(type);
    }

    private static void onlyFromJsonStrings(MutableCoercionConfig text) {
        text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /** The codec instance; it holds no per-call state. */
    public static WireCodec shared() {
        return SHARED;
    }

    /** The JSON body of a request or response record (or any record of the same conventions). */
    public byte[] encode(Object value) {
        ObjectWriter writer = writers.get(value.getClass());
        return writer != null ? writer.writeValueAsBytes(value) : mapper.writeValueAsBytes(value);
    }

    /**
     * Decodes a successful response of {@code operation}.
     *
     * @throws MalformedResponseException when the body is not JSON, is truncated, has a member of the wrong type or
     *                                    lacks a required member
     */
    public <O> O decodeResponse(Operation<?, O> operation, byte[] body, int httpStatus, @Nullable String requestId) {
        if (body.length == 0 && operation.responseType() == EmptyResponse.class) {
            // TagResource and UntagResource answer success with an empty body.
            return operation.responseType().cast(EmptyResponse.INSTANCE);
        }
        try {
            O value = reader(operation.responseType()).readValue(body);
            if (value == null) {
                throw new MalformedResponseException(operation.name() + " response body is empty or null",
                        httpStatus, requestId, null);
            }
            return value;
        } catch (JacksonException | IllegalArgumentException e) {
            throw new MalformedResponseException(operation.name() + " response could not be decoded: "
                    + reason(e), httpStatus, requestId, e);
        }
    }

    /**
     * Decodes a request body (the emulator's side).
     *
     * @throws RequestValidationException when a member breaks the API's constraints (or a required one is missing)
     * @throws WireFormatException        when the body is not a JSON object of the input's shape
     */
    public <I> I decodeRequest(Class<I> requestType, byte[] body) {
        try {
            I value = reader(requestType).readValue(body);
            if (value == null) {
                throw new WireFormatException("request body is empty or null", null);
            }
            return value;
        } catch (JacksonException e) {
            RequestValidationException invalid = find(e, RequestValidationException.class);
            if (invalid != null) {
                throw invalid;
            }
            throw new WireFormatException(reason(e), e);
        }
    }

    /** Decodes any body into a record of these conventions, without mapping failures (for tools and tests). */
    public <T> T decode(byte[] body, Class<T> type) {
        return reader(type).readValue(body);
    }

    private static @Nullable String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
        if (root != e && root instanceof IllegalArgumentException) {
            message = root.getMessage();
        }
        if (e instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            message = message + " (at " + jackson.getPathReference() + ")";
        }
        return message;
    }

    private static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static final class InstantSerializer extends ValueSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeNumber(EpochSeconds.fromInstant(value));
        }
    }

    private static final class InstantDeserializer extends ValueDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            // From the text, never through a double: 1.795264347487E9 must give exactly .487 s.
            BigDecimal seconds = p.getDecimalValue();
            return EpochSeconds.toInstant(seconds);
        }
    }
}
