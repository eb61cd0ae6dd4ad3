/** Demo data with fixed ids, so links, tests and screenshots stay stable. */
export const DEMO_PASSWORD = "careslot-demo-2026";

export const specializationSeed = [
  ["00000000-0000-4000-8000-000000000101", "General Medicine"],
  ["00000000-0000-4000-8000-000000000102", "Mental Health"],
  ["00000000-0000-4000-8000-000000000103", "Dentistry"],
  ["00000000-0000-4000-8000-000000000104", "Physiotherapy"],
  ["00000000-0000-4000-8000-000000000105", "Chiropractic"],
  ["00000000-0000-4000-8000-000000000106", "Audiology"],
  ["00000000-0000-4000-8000-000000000107", "Optometry"],
  ["00000000-0000-4000-8000-000000000108", "Cardiology"],
  ["00000000-0000-4000-8000-000000000109", "Dermatology"],
  ["00000000-0000-4000-8000-000000000110", "Pediatrics"],
] as const;

const spec = (name: (typeof specializationSeed)[number][1]) => specializationSeed.find(([, n]) => n === name)![0];

// Each demo city as the places dataset names it (lib/places/dataset.ts): country, region, city.
const cities = {
  Berlin: {
    countryCode: "DE",
    regionCode: "BE",
    placeName: "Berlin",
    timeZone: "Europe/Berlin",
    latitude: 52.52,
    longitude: 13.405,
    currency: "EUR",
    languages: ["German", "English"],
  },
  London: {
    countryCode: "GB",
    regionCode: "ENG",
    placeName: "London",
    timeZone: "Europe/London",
    latitude: 51.5074,
    longitude: -0.1278,
    currency: "GBP",
    languages: ["English"],
  },
  "New York": {
    countryCode: "US",
    regionCode: "NY",
    placeName: "New York City",
    timeZone: "America/New_York",
    latitude: 40.7128,
    longitude: -74.006,
    currency: "USD",
    languages: ["English", "Spanish"],
  },
  Mumbai: {
    countryCode: "IN",
    regionCode: "MH",
    placeName: "Mumbai",
    timeZone: "Asia/Kolkata",
    latitude: 19.076,
    longitude: 72.8777,
    currency: "INR",
    languages: ["English", "Hindi", "Marathi"],
  },
  Paris: {
    countryCode: "FR",
    regionCode: "IDF",
    placeName: "Paris",
    timeZone: "Europe/Paris",
    latitude: 48.8566,
    longitude: 2.3522,
    currency: "EUR",
    languages: ["French", "English"],
  },
} as const;

type Hours = "weekdays" | "split" | "mornings" | "late";
const weeklyHours: Record<Hours, { weekday: number; startTime: string; endTime: string }[]> = {
  weekdays: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: "09:00", endTime: "17:00" })),
  split: [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, startTime: "09:00", endTime: "12:00" },
    { weekday, startTime: "13:00", endTime: "17:00" },
  ]),
  mornings: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startTime: "08:00", endTime: "12:30" })),
  late: [2, 3, 4, 5, 6].map((weekday) => ({ weekday, startTime: "12:00", endTime: "20:00" })),
};

interface DoctorSeed {
  id: string;
  email: string;
  fullName: string;
  specialization: string;
  city: keyof typeof cities;
  priceMinor: number;
  slotMinutes: number;
  bufferMinutes: number;
  yearsExperience: number;
  hours: Hours;
  clinicName: string;
  bio: string;
  verified: boolean;
}

const doctor = (n: number, fields: Omit<DoctorSeed, "id" | "verified"> & { verified?: boolean }): DoctorSeed => ({
  id: `00000000-0000-4000-8000-0000000002${String(n).padStart(2, "0")}`,
  verified: true,
  ...fields,
});

const doctorList: DoctorSeed[] = [
  doctor(1, {
    email: "dr.weber@careslot.example",
    fullName: "Dr. Lena Weber",
    specialization: spec("General Medicine"),
    city: "Berlin",
    priceMinor: 6000,
    slotMinutes: 30,
    bufferMinutes: 0,
    yearsExperience: 12,
    hours: "split",
    clinicName: "Praxis Mitte",
    bio: "Family doctor for adults and teenagers, with a focus on preventive care.",
  }),
  doctor(2, {
    email: "dr.okafor@careslot.example",
    fullName: "Dr. Chidi Okafor",
    specialization: spec("Cardiology"),
    city: "London",
    priceMinor: 15000,
    slotMinutes: 45,
    bufferMinutes: 15,
    yearsExperience: 18,
    hours: "weekdays",
    clinicName: "Harley Heart Clinic",
    bio: "Consultant cardiologist: palpitations, blood pressure and heart rhythm.",
  }),
  doctor(3, {
    email: "dr.rivera@careslot.example",
    fullName: "Dr. Sofia Rivera",
    specialization: spec("Pediatrics"),
    city: "New York",
    priceMinor: 12000,
    slotMinutes: 30,
    bufferMinutes: 0,
    yearsExperience: 9,
    hours: "weekdays",
    clinicName: "Brooklyn Kids Health",
    bio: "Pediatrician caring for newborns to teenagers.",
  }),
  doctor(4, {
    email: "dr.sharma@careslot.example",
    fullName: "Dr. Priya Sharma",
    specialization: spec("Dermatology"),
    city: "Mumbai",
    priceMinor: 150000,
    slotMinutes: 20,
    bufferMinutes: 5,
    yearsExperience: 14,
    hours: "late",
    clinicName: "SkinFirst Bandra",
    bio: "Dermatologist for acne, eczema and skin checks.",
  }),
  doctor(5, {
    email: "dr.dubois@careslot.example",
    fullName: "Dr. Camille Dubois",
    specialization: spec("Mental Health"),
    city: "Paris",
    priceMinor: 8000,
    slotMinutes: 50,
    bufferMinutes: 10,
    yearsExperience: 11,
    hours: "weekdays",
    clinicName: "Cabinet Marais",
    bio: "Psychiatrist offering consultations for anxiety, depression and sleep.",
  }),
  doctor(6, {
    email: "dr.schmidt@careslot.example",
    fullName: "Dr. Jonas Schmidt",
    specialization: spec("Dentistry"),
    city: "Berlin",
    priceMinor: 9000,
    slotMinutes: 40,
    bufferMinutes: 10,
    yearsExperience: 7,
    hours: "mornings",
    clinicName: "Zahnarzt Kreuzberg",
    bio: "General and preventive dentistry, gentle with anxious patients.",
  }),
  doctor(7, {
    email: "dr.patel@careslot.example",
    fullName: "Dr. Arjun Patel",
    specialization: spec("Physiotherapy"),
    city: "London",
    priceMinor: 7000,
    slotMinutes: 45,
    bufferMinutes: 0,
    yearsExperience: 6,
    hours: "late",
    clinicName: "Move Well Physio",
    bio: "Sports injuries, back pain and rehabilitation after surgery.",
  }),
  doctor(8, {
    email: "dr.nguyen@careslot.example",
    fullName: "Dr. Mai Nguyen",
    specialization: spec("Optometry"),
    city: "New York",
    priceMinor: 9500,
    slotMinutes: 30,
    bufferMinutes: 0,
    yearsExperience: 10,
    hours: "split",
    clinicName: "Clear Sight Optometry",
    bio: "Eye exams, contact lens fitting and myopia management.",
  }),
  doctor(9, {
    email: "dr.iyer@careslot.example",
    fullName: "Dr. Kavya Iyer",
    specialization: spec("General Medicine"),
    city: "Mumbai",
    priceMinor: 80000,
    slotMinutes: 15,
    bufferMinutes: 0,
    yearsExperience: 5,
    hours: "mornings",
    clinicName: "Andheri Family Clinic",
    bio: "General practitioner for the whole family.",
  }),
  doctor(10, {
    email: "dr.martin@careslot.example",
    fullName: "Dr. Hugo Martin",
    specialization: spec("Chiropractic"),
    city: "Paris",
    priceMinor: 6500,
    slotMinutes: 30,
    bufferMinutes: 10,
    yearsExperience: 15,
    hours: "split",
    clinicName: "Chiro Bastille",
    bio: "Chiropractor for neck and back pain.",
  }),
  doctor(11, {
    email: "dr.brown@careslot.example",
    fullName: "Dr. Emily Brown",
    specialization: spec("Audiology"),
    city: "London",
    priceMinor: 11000,
    slotMinutes: 60,
    bufferMinutes: 0,
    yearsExperience: 20,
    hours: "weekdays",
    clinicName: "Hear Better London",
    bio: "Hearing tests, tinnitus and hearing-aid fitting.",
  }),
  doctor(12, {
    email: "dr.cohen@careslot.example",
    fullName: "Dr. Daniel Cohen",
    specialization: spec("Cardiology"),
    city: "New York",
    priceMinor: 25000,
    slotMinutes: 30,
    bufferMinutes: 0,
    yearsExperience: 22,
    hours: "split",
    clinicName: "Midtown Cardiology",
    bio: "Cardiologist: chest pain, cholesterol and heart failure follow-up.",
  }),
  doctor(13, {
    email: "dr.fischer@careslot.example",
    fullName: "Dr. Marie Fischer",
    specialization: spec("Mental Health"),
    city: "Berlin",
    priceMinor: 10000,
    slotMinutes: 50,
    bufferMinutes: 10,
    yearsExperience: 8,
    hours: "late",
    clinicName: "Praxis Prenzlauer Berg",
    bio: "Psychotherapist for adults: stress, burnout and anxiety.",
  }),
  doctor(14, {
    email: "dr.pending@careslot.example",
    fullName: "Dr. Noah Klein",
    specialization: spec("Dermatology"),
    city: "Berlin",
    priceMinor: 7000,
    slotMinutes: 30,
    bufferMinutes: 0,
    yearsExperience: 3,
    hours: "weekdays",
    clinicName: "Hautpraxis Nord",
    bio: "Newly registered dermatologist awaiting verification.",
    verified: false,
  }),
];

export const doctorSeed = doctorList.map((d) => ({ ...d, ...cities[d.city] }));

export const doctorWeeklyHours = weeklyHours;

export const adminSeed = { id: "00000000-0000-4000-8000-000000000001", email: "admin@careslot.example", fullName: "Alex Admin" };

/** A patient's place: the city's, coordinates included ("near my saved location"). */
const placeOf = (city: keyof typeof cities) => {
  const { countryCode, regionCode, placeName, latitude, longitude } = cities[city];
  return { countryCode, regionCode, city: placeName, latitude, longitude };
};

export const patientSeed = [
  { id: "00000000-0000-4000-8000-000000000301", email: "anna@careslot.example", fullName: "Anna Keller", ...placeOf("Berlin"), timeZone: "Europe/Berlin" },
  { id: "00000000-0000-4000-8000-000000000302", email: "ben@careslot.example", fullName: "Ben Carter", ...placeOf("London"), timeZone: "Europe/London" },
  { id: "00000000-0000-4000-8000-000000000303", email: "chloe@careslot.example", fullName: "Chloe Park", ...placeOf("New York"), timeZone: "America/New_York" },
];

/**
 * Past visits the demo patients reviewed, so doctor pages, search by rating,
 * earnings and the admin charts have something to show. They lie 63 days or
 * more before the seed runs, never in "last month", and leave alone the doctors
 * the browser tests book (Schmidt, Martin, Brown, Fischer).
 */
export const pastVisitSeed: { n: number; doctor: number; patient: number; daysAgo: number; rating: number; body: string; reply?: string }[] = [
  {
    n: 1,
    doctor: 0,
    patient: 0,
    daysAgo: 70,
    rating: 5,
    body: "Took the time to listen and explained my blood results clearly.",
    reply: "Thank you, Anna. See you at your check-up.",
  },
  { n: 2, doctor: 0, patient: 1, daysAgo: 95, rating: 4, body: "Thorough and friendly; the wait was about fifteen minutes." },
  { n: 3, doctor: 1, patient: 1, daysAgo: 80, rating: 5, body: "Found the cause of my palpitations after years of guessing." },
  { n: 4, doctor: 2, patient: 2, daysAgo: 75, rating: 5, body: "Wonderful with my daughter, who is usually scared of doctors." },
  { n: 5, doctor: 3, patient: 0, daysAgo: 110, rating: 4, body: "Clear treatment plan for my eczema; it is much better now." },
  { n: 6, doctor: 4, patient: 2, daysAgo: 88, rating: 5, body: "Calm, kind and practical advice for sleeping better." },
  { n: 7, doctor: 6, patient: 1, daysAgo: 120, rating: 3, body: "Exercises helped my knee, but the session felt rushed." },
  { n: 8, doctor: 7, patient: 2, daysAgo: 100, rating: 4, body: "Quick eye exam and good advice on contact lenses." },
  { n: 9, doctor: 11, patient: 2, daysAgo: 130, rating: 5, body: "Explained my cholesterol numbers and what to change, without judgement." },
];

export const pastVisitId = (n: number, kind: "appointment" | "payment" | "review" | "booked" | "completed") =>
  `00000000-0000-4000-8000-000000000${({ appointment: "4", payment: "5", review: "6", booked: "7", completed: "8" } as const)[kind]}${String(n).padStart(2, "0")}`;
