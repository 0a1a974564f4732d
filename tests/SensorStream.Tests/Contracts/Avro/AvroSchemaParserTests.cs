using SensorStream.Contracts.Avro.Parsing;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Tests.Contracts.Avro;

public sealed class AvroSchemaParserTests
{
    [Theory]
    [InlineData("{", "$", "not valid JSON")]
    [InlineData("42", "$", "must be a JSON string, object or array")]
    [InlineData("\"strng\"", "$", "unknown type 'strng'")]
    [InlineData("{\"name\":\"x\"}", "$", "missing attribute 'type'")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\"}", "$", "missing attribute 'fields'")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":{}}", "$.fields", "'fields' must be an array")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"a\",\"type\":\"long\"}]}", "$.fields[1]", "duplicate field name 'a'")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"itn\"}]}", "$.fields[0].type", "unknown type 'itn'")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"1a\",\"type\":\"int\"}]}", "$.fields[0].name", "not a valid Avro name")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":\"x\"}]}", "$.fields[0].default", "invalid default value")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":[\"null\",\"int\"],\"default\":1}]}", "$.fields[0].default", "first branch")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":2147483648}]}", "$.fields[0].default", "not a valid int")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"order\":\"up\"}]}", "$.fields[0].order", "'order' must be")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"A\"]}", "$.symbols", "duplicate enum symbol 'A'")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"],\"default\":\"B\"}", "$.default", "enum default 'B'")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\"}", "$", "needs a 'symbols' array")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":-1}", "$.size", "non-negative integer")]
    [InlineData("{\"type\":\"array\"}", "$", "missing attribute 'items'")]
    [InlineData("{\"type\":\"map\",\"values\":\"nope\"}", "$.values", "unknown type 'nope'")]
    [InlineData("[\"int\",\"int\"]", "$[1]", "duplicate 'int' in union")]
    [InlineData("[\"null\",[\"int\"]]", "$[1]", "may not directly contain another union")]
    [InlineData("{\"type\":\"record\",\"name\":\"int\",\"fields\":[]}", "$.name", "primitive type name")]
    [InlineData("[{\"type\":\"fixed\",\"name\":\"F\",\"size\":1},{\"type\":\"fixed\",\"name\":\"F\",\"size\":2}]", "$[1].name", "defined twice")]
    [InlineData("{\"type\":\"record\",\"name\":\"a..b\",\"fields\":[]}", "$.name", "not a valid Avro name")]
    [InlineData("{\"type\":{\"type\":\"int\"}}", "$.type", "must be a type name string")]
    public void Parse_InvalidSchema_ReportsPathAndReason(string json, string path, string reason)
    {
        var error = Assert.Throws<AvroSchemaException>(() => AvroSchema.Parse(json));

        Assert.Equal(path, error.Path);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RecursiveRecord_ResolvesTheReferenceToItself()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"Node","namespace":"n","fields":[
              {"name":"value","type":"int"},
              {"name":"next","type":["null","Node"],"default":null}]}
            """);

        var next = (UnionSchema)schema.Fields[1].Schema;
        Assert.Same(schema, next.Branches[1]);
    }

    [Fact]
    public void Parse_Names_InheritTheEnclosingNamespace_UnlessQualified()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"Outer","namespace":"a.b","fields":[
              {"name":"e","type":{"type":"enum","name":"E","symbols":["X"]}},
              {"name":"f","type":{"type":"fixed","name":"c.F","size":2}},
              {"name":"g","type":{"type":"record","name":"G","namespace":"","fields":[]}},
              {"name":"again","type":"E"}]}
            """);

        Assert.Equal("a.b.E", ((EnumSchema)schema.Fields[0].Schema).FullName);
        Assert.Equal("c.F", ((FixedSchema)schema.Fields[1].Schema).FullName);
        Assert.Equal("G", ((RecordSchema)schema.Fields[2].Schema).FullName);
        Assert.Same(schema.Fields[0].Schema, schema.Fields[3].Schema);
    }

    [Theory]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":4,\"scale\":2}", LogicalTypeKind.Decimal)]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}", LogicalTypeKind.TimestampMicros)]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"date\"}", LogicalTypeKind.Date)]
    [InlineData("{\"type\":\"string\",\"logicalType\":\"uuid\"}", LogicalTypeKind.Uuid)]
    [InlineData("{\"type\":\"fixed\",\"name\":\"D\",\"size\":12,\"logicalType\":\"duration\"}", LogicalTypeKind.Duration)]
    public void Parse_ValidLogicalType_IsRecognised(string json, LogicalTypeKind kind)
    {
        Assert.Equal(kind, AvroSchema.Parse(json).LogicalType?.Kind);
    }

    [Theory]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":2,\"scale\":3}")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":1,\"logicalType\":\"decimal\",\"precision\":3}")]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"timestamp-micros\"}")]
    [InlineData("{\"type\":\"string\",\"logicalType\":\"no-such-type\"}")]
    public void Parse_InvalidLogicalType_IsIgnoredNotRejected(string json)
    {
        var schema = AvroSchema.Parse(json);

        Assert.Null(schema.LogicalType);
        Assert.Contains(schema.Properties, p => p.Key == "logicalType");
    }

    [Fact]
    public void ToJson_KeepsEveryAttribute_AndReparsesToTheSameSchema()
    {
        const string source = """
            {"type":"record","name":"R","namespace":"x","doc":"d","aliases":["Old"],"custom":{"k":[1,2]},"fields":[
              {"name":"a","type":{"type":"long","logicalType":"timestamp-micros"},"doc":"t","default":5,"order":"descending","aliases":["b"]},
              {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"],"default":"A"},"default":"B"}]}
            """;
        var schema = AvroSchema.Parse(source);

        var json = schema.ToJson();
        var again = AvroSchema.Parse(json);

        Assert.Equal(json, again.ToJson());
        Assert.Contains("\"custom\":{\"k\":[1,2]}", json, StringComparison.Ordinal);
        Assert.Contains("\"order\":\"descending\"", json, StringComparison.Ordinal);
        Assert.Contains("\"aliases\":[\"x.Old\"]", json, StringComparison.Ordinal);
        Assert.Equal(schema.CanonicalForm, again.CanonicalForm);
    }
}
