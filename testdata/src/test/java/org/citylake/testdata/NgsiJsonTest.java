package org.citylake.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NgsiJsonTest {

    private static String json(ObjectNode node) throws JsonProcessingException {
        return NgsiJson.MAPPER.writeValueAsString(node);
    }

    @Test
    void numbersAreWrittenAsTheSourceWroteThem() throws JsonProcessingException {
        ObjectNode e = NgsiJson.object();
        NgsiJson.putKeyValue(e, "int", "75");
        NgsiJson.putKeyValue(e, "negative", "-21");
        NgsiJson.putKeyValue(e, "long", "26.059222999999999");
        NgsiJson.putKeyValue(e, "interpolated", "1029.666667");
        NgsiJson.putKeyValue(e, "exponent", "1e3");
        assertThat(json(e))
                .isEqualTo(
                        "{\"int\":75,\"negative\":-21,\"long\":26.059222999999999,"
                                + "\"interpolated\":1029.666667,\"exponent\":1000}");
    }

    @Test
    void textIsPassedOnAndEmptyCellsLeftOut() throws JsonProcessingException {
        ObjectNode e = NgsiJson.object();
        NgsiJson.putKeyValue(e, "text", "n/a");
        NgsiJson.putKeyValue(e, "nan", "NaN");
        NgsiJson.putKeyValue(e, "empty", "");
        NgsiJson.putKeyValue(e, "blank", "  ");
        NgsiJson.putV2Number(e, "v2", "oops");
        assertThat(json(e))
                .isEqualTo(
                        "{\"text\":\"n/a\",\"nan\":\"NaN\",\"v2\":{\"type\":\"Text\",\"value\":\"oops\"}}");
    }

    @Test
    void computedDecimalsLoseTrailingZerosAndIntegersTheirFraction()
            throws JsonProcessingException {
        ObjectNode e = NgsiJson.object();
        e.set("a", NgsiJson.number(new BigDecimal("100").multiply(new BigDecimal("0.008"))));
        e.set("b", NgsiJson.number(new BigDecimal("0").multiply(new BigDecimal("0.008"))));
        e.set("c", NgsiJson.number(new BigDecimal("480.0")));
        e.set("d", NgsiJson.number(new BigDecimal("4.8E+2")));
        assertThat(json(e)).isEqualTo("{\"a\":0.8,\"b\":0,\"c\":480,\"d\":480}");
    }

    @Test
    void threeEncodings() throws JsonProcessingException {
        ObjectNode e = NgsiJson.entity("urn:x", "T");
        NgsiJson.putV2Number(e, "pm25", "129");
        e.set("dateObserved", NgsiJson.v2DateTime("2010-01-02T00:00:00+08:00"));
        NgsiJson.putLdProperty(e, "totalSpotNumber", "953");
        e.set("observationDateTime", NgsiJson.ldDateTime("2014-05-22T09:09:04.145+02:00"));
        assertThat(json(e))
                .isEqualTo(
                        "{\"id\":\"urn:x\",\"type\":\"T\","
                                + "\"pm25\":{\"type\":\"Number\",\"value\":129},"
                                + "\"dateObserved\":{\"type\":\"DateTime\",\"value\":\"2010-01-02T00:00:00+08:00\"},"
                                + "\"totalSpotNumber\":{\"type\":\"Property\",\"value\":953},"
                                + "\"observationDateTime\":{\"type\":\"Property\",\"value\":"
                                + "{\"@type\":\"DateTime\",\"@value\":\"2014-05-22T09:09:04.145+02:00\"}}}");
    }
}
