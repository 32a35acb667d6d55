package io.rescind.orders;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.springframework.boot.jackson.JacksonMixin;

/** How a {@link LineAmendment} reads in JSON: its {@code outcome} names the kind. Kept out of the domain type. */
@JacksonMixin(LineAmendment.class)
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LineAmendment.Added.class, name = "ADDED"),
    @JsonSubTypes.Type(value = LineAmendment.Changed.class, name = "CHANGED"),
    @JsonSubTypes.Type(value = LineAmendment.Ignored.class, name = "IGNORED"),
    @JsonSubTypes.Type(value = LineAmendment.Refused.class, name = "REFUSED"),
    @JsonSubTypes.Type(value = LineAmendment.Completed.class, name = "COMPLETED")
})
interface LineAmendmentJson {}
