/// The FHIR R4 data types and resources the export writes, as Encodable values, with only the
/// elements Myotrace fills. Optional elements left `nil` are omitted from the JSON, as FHIR
/// requires (an element is either present with a value or absent).
enum FHIR {
    struct Coding: Encodable, Equatable {
        var system: String
        var code: String
        var display: String?
    }

    struct CodeableConcept: Encodable, Equatable {
        var coding: [Coding]?
        var text: String?
    }

    struct Quantity: Encodable, Equatable {
        var value: Double
        var unit: String
        var system = "http://unitsofmeasure.org"
        var code: String
    }

    struct Period: Encodable, Equatable {
        var start: String?
        var end: String?
    }

    struct Reference: Encodable, Equatable {
        var reference: String
        var display: String?
    }

    struct Identifier: Encodable, Equatable {
        var system: String
        var value: String
    }

    struct Annotation: Encodable, Equatable {
        var text: String
    }

    struct Patient: Encodable {
        var resourceType = "Patient"
        var id: String
        var identifier: [Identifier]
    }

    struct Observation: Encodable {
        var resourceType = "Observation"
        var id: String
        var status = "final"
        var category: [CodeableConcept]
        var code: CodeableConcept
        var subject: Reference
        var effectivePeriod: Period
        var valueQuantity: Quantity
        var method: CodeableConcept?
        var note: [Annotation]?
    }

    struct DiagnosticReport: Encodable {
        var resourceType = "DiagnosticReport"
        var id: String
        var status = "final"
        var category: [CodeableConcept]
        var code: CodeableConcept
        var subject: Reference
        var effectivePeriod: Period?
        var issued: String?
        var result: [Reference]
        var conclusion: String
    }

    /// One resource of the bundle, whichever type.
    enum Resource: Encodable {
        case patient(Patient)
        case observation(Observation)
        case diagnosticReport(DiagnosticReport)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case let .patient(r): try r.encode(to: encoder)
            case let .observation(r): try r.encode(to: encoder)
            case let .diagnosticReport(r): try r.encode(to: encoder)
            }
        }
    }

    struct Entry: Encodable {
        var fullUrl: String
        var resource: Resource
    }

    struct Bundle: Encodable {
        var resourceType = "Bundle"
        var id: String
        var type = "collection"
        var timestamp: String?
        var entry: [Entry]
    }
}
