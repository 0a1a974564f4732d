using SensorStream.Contracts.Events;
using SensorStream.StreamProcessors.Anomalies.Trips;

namespace SensorStream.Tests.StreamProcessors.Trips;

public sealed class TripEntryCheckerTests
{
    private static TripEntryChecker Warm(TripLogBuilder log, int rows = 30)
    {
        var checker = new TripEntryChecker(TripLogBuilder.Truck);
        foreach (var row in log.History(rows))
        {
            Assert.Empty(checker.Accept(row));
        }
        return checker;
    }

    [Fact]
    public void DroppedDigitInOdometerEnd_IsFoundWhenTheNextRowArrives_WithTheRightSuggestion()
    {
        // 30 trips, 9 000 km, from 3 200 km; the next one ends at 12 500.
        var log = new TripLogBuilder(3_200);
        var checker = Warm(log);
        var truth = log.Next(km: 300, withDistance: false);
        var typed = truth with { OdometerEndKm = 1_250 };

        Assert.Empty(checker.Accept(typed));
        var finding = Assert.Single(checker.Accept(log.Next()));

        Assert.Equal((typed.TripId, AnomalyKind.DroppedDigit, "odometer_end_km"), (finding.TripId, finding.Kind, finding.Field));
        Assert.Equal(1_250, finding.ObservedValue);
        Assert.Equal(12_500, finding.SuggestedValue);
        Assert.InRange(finding.Score, 0.7, 1);
        Assert.Contains("continuity_with_next_trip", finding.Details["restores"], StringComparison.Ordinal);
    }

    [Fact]
    public void TypoInOdometerEnd_DoesNotMakeTheNextRowLookWrong()
    {
        var log = new TripLogBuilder(200_000);
        var checker = Warm(log);
        // Ends at 209 333, typed with the 3 of the hundreds as its keypad neighbour 6.
        var truth = log.Next(km: 333, withDistance: false);
        var findings = new List<TripEntryFinding>();

        findings.AddRange(checker.Accept(truth with { OdometerEndKm = 209_633 }));
        var next = log.Next(withDistance: false);
        findings.AddRange(checker.Accept(next));
        findings.AddRange(checker.Accept(log.Next()));
        findings.AddRange(checker.Flush());

        var finding = Assert.Single(findings);
        Assert.Equal((truth.TripId, AnomalyKind.AdjacentKeyTypo, "odometer_end_km"), (finding.TripId, finding.Kind, finding.Field));
        Assert.Equal(209_333, finding.SuggestedValue);
    }

    [Fact]
    public void AdjacentKeyOnFuelCost_IsFound()
    {
        var log = new TripLogBuilder(200_000);
        var checker = Warm(log);
        // 150 litres at 1.612: 241.80, typed with the 2 as its keypad neighbour 5.
        var truth = log.Next(km: 495) with { FuelLitres = 150, FuelCost = 241.80m };
        var typed = truth with { FuelCost = 541.80m };

        Assert.Empty(checker.Accept(typed));
        var finding = Assert.Single(checker.Accept(log.Next()));

        Assert.Equal((typed.TripId, AnomalyKind.AdjacentKeyTypo, "fuel_cost"), (finding.TripId, finding.Kind, finding.Field));
        Assert.Equal(541.80, finding.ObservedValue);
        Assert.Equal(241.80, finding.SuggestedValue);
    }

    [Fact]
    public void TransposedDigitsInRevenue_AreFound()
    {
        var log = new TripLogBuilder(200_000);
        var checker = Warm(log);
        // 430 km earn about 50 + 2 × 430 = 910: 913.42, typed with its 9 and 1 swapped.
        var truth = log.Next(km: 430) with { Revenue = 913.42m };
        var typed = truth with { Revenue = 193.42m };

        checker.Accept(typed);
        var finding = Assert.Single(checker.Accept(log.Next()));

        Assert.Equal((typed.TripId, AnomalyKind.TransposedDigits, "revenue"), (finding.TripId, finding.Kind, finding.Field));
        Assert.Equal(913.42, finding.SuggestedValue);
        Assert.Contains("revenue_per_km", finding.Details["restores"], StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateRow_IsFoundOnArrival_AndLeavesContinuityAlone()
    {
        var log = new TripLogBuilder(200_000);
        var checker = Warm(log);
        var original = log.Next();
        checker.Accept(original);

        var again = original with { TripId = Guid.Parse("11111111-1111-4111-8111-111111111111"), EnteredAt = original.EnteredAt.AddMinutes(3) };
        var finding = Assert.Single(checker.Accept(again));
        var later = checker.Accept(log.Next()).Concat(checker.Accept(log.Next())).Concat(checker.Flush());

        Assert.Equal((again.TripId, AnomalyKind.DuplicateRow, "row"), (finding.TripId, finding.Kind, finding.Field));
        Assert.Equal(original.TripId.ToString(), finding.Details["original_trip_id"]);
        Assert.Null(finding.SuggestedValue);
        Assert.Empty(later);
    }

    [Fact]
    public void SameValuesOnAnotherDate_AreNotADuplicate()
    {
        var log = new TripLogBuilder(200_000);
        var checker = Warm(log);
        var row = log.Next(withOdometers: false);
        checker.Accept(row);

        var findings = checker.Accept(row with { TripId = Guid.NewGuid(), TripDate = row.TripDate.AddDays(1) });

        Assert.DoesNotContain(findings, f => f.Kind == AnomalyKind.DuplicateRow);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void UnloggedGapOf20Km_IsNotFlagged(bool withDistance)
    {
        var log = new TripLogBuilder(200_000);
        var checker = Warm(log, rows: 40);
        var findings = new List<TripEntryFinding>();

        findings.AddRange(checker.Accept(log.Next(gapKm: 20, withDistance: withDistance)));
        findings.AddRange(checker.Accept(log.Next(withDistance: withDistance)));
        findings.AddRange(checker.Accept(log.Next()));
        findings.AddRange(checker.Flush());

        Assert.Empty(findings);
    }

    [Fact]
    public void FirstEverRowWithEndBeforeStart_IsFlaggedFromInternalConsistency()
    {
        var checker = new TripEntryChecker(TripLogBuilder.Truck);
        // 48 215 + 347 = 48 562, typed with its 8 and 5 swapped: 45 862, before the start.
        var row = new TripLogBuilder(48_215).Next(km: 347) with { OdometerEndKm = 45_862 };

        Assert.Empty(checker.Accept(row));
        var finding = Assert.Single(checker.Flush());

        Assert.Equal((row.TripId, AnomalyKind.TransposedDigits, "odometer_end_km"), (finding.TripId, finding.Kind, finding.Field));
        Assert.Equal(48_562, finding.SuggestedValue);
        Assert.Equal("odometer_arithmetic", finding.Details["restores"]);
        Assert.Equal("false", finding.Details["decided_with_later_rows"]);
    }

    [Fact]
    public void ARow_IsDecidedByTheSecondRowAfterIt_WhenTheNextOneIsADuplicate()
    {
        var log = new TripLogBuilder(200_000);
        var checker = Warm(log);
        // 91.2 litres at 1.600, typed without the 1.
        var truth = log.Next(km: 300) with { FuelLitres = 91.2, FuelCost = 145.92m };
        var typed = truth with { FuelLitres = 9.2 };
        var next = log.Next();

        Assert.Empty(checker.Accept(typed));
        Assert.DoesNotContain(checker.Accept(typed with { TripId = Guid.NewGuid() }), f => f.Kind != AnomalyKind.DuplicateRow);
        var findings = checker.Accept(next);

        var finding = Assert.Single(findings);
        Assert.Equal((typed.TripId, AnomalyKind.DroppedDigit, "fuel_litres", 91.2), (finding.TripId, finding.Kind, finding.Field, finding.SuggestedValue));
    }

    public static TheoryData<string> DegenerateRows => ["only-distance", "zero-distance", "negative", "huge", "not-a-number", "all-null"];

    [Theory]
    [MemberData(nameof(DegenerateRows))]
    public void DegenerateInput_NeverThrows_AndScoresStayProbabilities(string shape)
    {
        var log = new TripLogBuilder(200_000);
        var checker = Warm(log, rows: 10);
        var row = log.Next();
        var bad = shape switch
        {
            "only-distance" => row with { OdometerStartKm = null, OdometerEndKm = null, FuelLitres = null, FuelCost = null, Toll = null, Revenue = null },
            "zero-distance" => row with { DistanceKm = 0, OdometerEndKm = row.OdometerStartKm, FuelLitres = 0, FuelCost = 0, Revenue = 0 },
            "negative" => row with { OdometerStartKm = -5, DistanceKm = -300, FuelLitres = -80, FuelCost = -120.5m, Toll = -3m, Revenue = -700m },
            "huge" => row with { OdometerEndKm = 1e300, DistanceKm = 9.99e14, FuelLitres = double.MaxValue, FuelCost = 9_999_999_999.99m, Revenue = 79_228_162_514_264_337_593_543_950_335m },
            "not-a-number" => row with { OdometerStartKm = double.NaN, OdometerEndKm = double.PositiveInfinity, FuelLitres = double.NegativeInfinity },
            _ => row with { OdometerStartKm = null, OdometerEndKm = null, DistanceKm = null, FuelLitres = null, FuelCost = null, Toll = null, Revenue = null },
        };
        var findings = new List<TripEntryFinding>();

        findings.AddRange(checker.Accept(bad));
        findings.AddRange(checker.Accept(bad with { TripId = Guid.NewGuid(), TripDate = bad.TripDate.AddDays(1) }));
        findings.AddRange(checker.Accept(log.Next()));
        findings.AddRange(checker.Accept(log.Next()));
        findings.AddRange(checker.Flush());

        Assert.All(findings, f => Assert.InRange(f.Score, 0, 1));
        Assert.All(findings, f => Assert.True(f.SuggestedValue is null || double.IsFinite(f.SuggestedValue.Value)));
    }

    [Fact]
    public void OnlyDistanceEntered_GivesNoTypoFindings()
    {
        var log = new TripLogBuilder(200_000);
        var checker = new TripEntryChecker(TripLogBuilder.Truck);
        var findings = new List<TripEntryFinding>();

        foreach (var row in log.History(20))
        {
            findings.AddRange(checker.Accept(row with { OdometerStartKm = null, OdometerEndKm = null, FuelLitres = null, FuelCost = null, Revenue = null }));
        }
        findings.AddRange(checker.Flush());

        Assert.Empty(findings);
    }

    [Fact]
    public void RowOfAnotherTruck_IsRejected()
    {
        var checker = new TripEntryChecker("TRK-99");

        Assert.Throws<ArgumentException>(() => checker.Accept(new TripLogBuilder(1_000).Next()));
    }

    [Fact]
    public void OptionsOutOfRange_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => new TripEntryChecker("TRK-01", new TripEntryCheckerOptions { ReportThreshold = 0 }));
        Assert.Throws<ArgumentException>(() => new TripEntryChecker("TRK-01", new TripEntryCheckerOptions { HistoryRows = 1 }));
    }

    [Fact]
    public void ToAnomaly_KeepsTheFinding_WithAnIdThatOnlyDependsOnTripKindAndField()
    {
        var finding = new TripEntryFinding("TRK-01", Guid.Parse("00000000-0000-4000-8000-000000000007"), DateTimeOffset.UnixEpoch,
            AnomalyKind.DroppedDigit, "odometer_end_km", 1250, 12500, 0.97, new Dictionary<string, string> { ["reason"] = "r" });

        var anomaly = finding.ToAnomaly();

        Assert.Equal(("trips.records", "TRK-01", AnomalyKind.DroppedDigit, "odometer_end_km", 1250.0, 12500.0, 0.97),
            (anomaly.SourceTopic, anomaly.EntityId, anomaly.Kind, anomaly.Field, anomaly.ObservedValue, anomaly.ExpectedValue, anomaly.Score));
        Assert.Equal(("r", "00000000-0000-4000-8000-000000000007"), (anomaly.Details["reason"], anomaly.Details["trip_id"]));
        Assert.Equal(anomaly.AnomalyId, (finding with { Score = 0.8, Details = new Dictionary<string, string>() }).ToAnomaly().AnomalyId);
        Assert.NotEqual(anomaly.AnomalyId, (finding with { Field = "odometer_start_km" }).ToAnomaly().AnomalyId);
    }
}
