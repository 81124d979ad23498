import Testing
@testable import MyoStore

@Test func moduleVersionIsSemantic() {
    #expect(MyoStoreModule.version.split(separator: ".").count == 3)
}
