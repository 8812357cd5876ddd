package dev.manifests.samples.layout;

/** The captions one form family prints for each field ("Shipper" / "Exporter" / "Consignor", "POL" ...). */
record Labels(String shipper, String consignee, String notifyParty, String portOfLoading, String portOfDischarge,
              String placeOfReceipt, String placeOfDelivery, String vessel, String voyage, String booking,
              String dateOfIssue, String shippedOnBoard, String freight, String carrier) {

    static final Labels CLASSIC = new Labels("Shipper", "Consignee", "Notify Party", "Port of Loading",
            "Port of Discharge", "Place of Receipt", "Place of Delivery", "Ocean Vessel", "Voyage No.",
            "Booking No.", "Date of Issue", "Shipped on Board Date", "Freight", "Carrier");

    static final Labels EXPORTER = new Labels("Exporter", "Receiver", "Also Notify", "POL", "POD",
            "Pre-carriage from", "Final destination", "Vessel", "Voy.", "Booking Ref.", "Issued on",
            "Laden on board", "Freight payable", "Shipping line");

    static final Labels CONSIGNOR = new Labels("Consignor", "Consignee (name and address)", "Notify address",
            "Load port", "Discharge port", "Receipt", "Delivery", "Vessel name", "Voyage", "Carrier booking",
            "Place and date of issue", "On board", "Freight terms", "Ocean carrier");

    static final Labels SHORT = new Labels("SHPR", "CNEE", "NOTIFY", "POL", "POD", "POR", "FPD", "VSL", "VOY",
            "BKG NO", "ISSUED", "ONBOARD", "FRT", "CARRIER");
}
