/// # MyoClinic
///
/// Clinical decision support for myoclonus: a knowledge base kept as
/// reviewable data (every entry with its source), the intake answers about a
/// person, and an engine that weighs them, together with what `analyze`
/// measured, into an assessment: candidate categories with reasons for and
/// against, red flags with an urgency, and the next question worth asking.
///
/// It supports a clinician's or an informed patient's reasoning; it never
/// makes a diagnosis.
public enum MyoClinicModule {
    /// The version of the engine, stored with every assessment.
    public static let version = "0.1.0"
}
